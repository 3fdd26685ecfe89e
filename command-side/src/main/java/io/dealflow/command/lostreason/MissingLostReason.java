package io.dealflow.command.lostreason;

import io.dealflow.command.errors.MissingTarget;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/** A rename or archive of a lost reason never created answers {@code lost-reason-not-found}, as one elsewhere. */
@Component
class MissingLostReason extends MissingTarget {

    MissingLostReason(CommandBus commandBus) {
        super(commandBus, "lost-reason");
    }
}
