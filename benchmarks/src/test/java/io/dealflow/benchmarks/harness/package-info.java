/**
 * Tests of the benchmark harness itself: its options, and a tiny end-to-end run against the packaged server.
 */
package io.dealflow.benchmarks.harness;
