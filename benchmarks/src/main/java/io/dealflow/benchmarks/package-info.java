/**
 * Benchmark programs: each prints figures measured in one run, beside a baseline measured in the same run.
 */
package io.dealflow.benchmarks;
