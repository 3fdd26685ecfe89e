/**
 * The end-to-end benchmark of the standalone server: command throughput against a same-run raw-commit baseline,
 * projection lag, query latency, replay, start-up and memory. Run {@link io.dealflow.benchmarks.harness.Bench}.
 */
package io.dealflow.benchmarks.harness;
