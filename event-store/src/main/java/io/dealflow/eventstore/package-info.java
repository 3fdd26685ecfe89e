/**
 * The event store every side shares: its tables in PostgreSQL and their migration ({@code db/event-store}), the
 * serializers and upcaster chain of its rows, and the wake-up of idle processors, auto-configured for Spring Boot.
 */
package io.dealflow.eventstore;
