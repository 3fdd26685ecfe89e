package io.dealflow.command.pipeline;

import io.dealflow.command.errors.MissingTarget;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/** A command to a pipeline that was never created answers {@code pipeline-not-found}, as one of another location. */
@Component
class MissingPipelines extends MissingTarget {

    MissingPipelines(CommandBus commandBus) {
        super(commandBus, "pipeline");
    }
}
