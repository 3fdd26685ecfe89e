/** The query side: read models projected from the event store and the query HTTP API over them. */
package io.dealflow.query;
