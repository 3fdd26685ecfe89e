/** Pipelines and their ordered stages, as lists and details. */
package io.dealflow.query.pipeline;
