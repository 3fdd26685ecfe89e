package io.dealflow.command.lostreason;

import io.dealflow.command.errors.RuleViolated;
import io.dealflow.events.StorableText;
import io.dealflow.events.lostreason.LostReasonCreated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A reason a location offers when a deal is marked lost. Its name is unique in the location, ignoring case.
 */
@Aggregate
class LostReason {

    static final int MAX_NAME_LENGTH = 255;

    @AggregateIdentifier
    private String lostReasonId;

    @CommandHandler
    LostReason(CreateLostReason command, LostReasonNames names) {
        String name = command.name() == null ? "" : command.name().trim();
        if (name.isEmpty()) {
            throw new RuleViolated("invalid-name", "name", "name must not be blank");
        }
        if (StorableText.length(name) > MAX_NAME_LENGTH) {
            throw new RuleViolated("invalid-name", "name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (names.taken(command.locationId(), name)) {
            throw new RuleViolated("duplicate-lost-reason-name", "name",
                    "the location already has a lost reason named " + name);
        }
        apply(new LostReasonCreated(command.lostReasonId(), command.locationId(), name));
    }

    @EventSourcingHandler
    void on(LostReasonCreated event) {
        lostReasonId = event.lostReasonId();
    }

    /** For Axon, which rebuilds the lost reason from its events. */
    LostReason() {
    }
}
