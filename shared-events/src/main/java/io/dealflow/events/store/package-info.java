/**
 * The event store as both sides see it: its tables in PostgreSQL, its migration and the serializers of its rows.
 */
package io.dealflow.events.store;
