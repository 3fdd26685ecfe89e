package io.dealflow.command.opportunity;

import io.dealflow.command.errors.MissingTarget;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/**
 * A command to an opportunity that was never created (or an id of another kind of aggregate) answers
 * {@code opportunity-not-found}, as one of another location or a deleted one.
 */
@Component
class MissingOpportunity extends MissingTarget {

    MissingOpportunity(CommandBus commandBus) {
        super(commandBus, "opportunity");
    }
}
