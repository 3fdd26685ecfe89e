package io.dealflow.command.pipeline;

/**
 * A command to an existing pipeline.
 */
interface PipelineCommand {

    String pipelineId();
}
