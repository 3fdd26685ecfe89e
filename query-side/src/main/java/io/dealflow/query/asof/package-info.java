/** Opportunities and boards as they stood at an instant, from versions of pipelines, stages and cards over time. */
package io.dealflow.query.asof;
