/**
 * What {@code /actuator/prometheus} adds to the JVM, HTTP and pool metrics: commands, event-store appends and lag per
 * projection (the webhook module counts its deliveries itself).
 */
package io.dealflow.standalone.metrics;
