/** Projection rebuilds from the event store into shadow tables, switched in atomically; processor progress and lag. */
package io.dealflow.query.replay;
