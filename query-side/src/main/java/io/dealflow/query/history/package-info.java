/** An opportunity's full history, every event with who and when, read from the event store. */
package io.dealflow.query.history;
