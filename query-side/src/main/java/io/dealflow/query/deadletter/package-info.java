/** Events a projection could not apply, parked per deal: listed with their error, retried after a fix, counted. */
package io.dealflow.query.deadletter;
