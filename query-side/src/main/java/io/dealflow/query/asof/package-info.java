/**
 * Boards as they stood at an instant, from versions of pipelines, stages, cards and tasks over time, and the
 * {@code asOf} parameter every as-of read takes. A single opportunity as of an instant is the opportunity feature's.
 */
package io.dealflow.query.asof;
