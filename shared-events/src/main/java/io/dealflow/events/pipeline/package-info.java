/**
 * Facts about pipelines: created, renamed, stages added, renamed, re-weighted, reordered and removed, deleted.
 */
package io.dealflow.events.pipeline;
