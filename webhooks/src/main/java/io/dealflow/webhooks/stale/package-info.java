/**
 * The stale-opportunity trigger: per-pipeline settings and the scan that reports open deals with no stage change for
 * that long.
 */
package io.dealflow.webhooks.stale;
