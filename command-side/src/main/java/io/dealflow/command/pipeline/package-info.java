/**
 * Pipelines and their stages: the write model, its rules and its HTTP commands.
 */
package io.dealflow.command.pipeline;
