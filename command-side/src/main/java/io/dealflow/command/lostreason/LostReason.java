package io.dealflow.command.lostreason;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.events.StorableText;
import io.dealflow.events.lostreason.LostReasonArchived;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.lostreason.LostReasonRenamed;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A reason a location offers when a deal is marked lost. Its name is unique among the location's live (not archived)
 * reasons, ignoring case. Archived, it stays for the deals lost with it, but new losses cannot name it.
 */
@Aggregate
class LostReason {

    static final int MAX_NAME_LENGTH = 255;

    @AggregateIdentifier
    private String lostReasonId;
    private String locationId;
    private String name;
    private boolean archived;

    @CommandHandler
    LostReason(CreateLostReason command, LostReasonNames names) {
        String name = checkedName(command.name());
        if (names.taken(command.locationId(), name, null)) {
            throw duplicate(name);
        }
        apply(new LostReasonCreated(command.lostReasonId(), command.locationId(), name));
    }

    @CommandHandler
    long rename(RenameLostReason command, LostReasonNames names) {
        requireInLocation(command.locationId());
        String newName = checkedName(command.name());
        if (archived) {
            throw new StateConflict("lost-reason-archived", "lost reason " + lostReasonId
                    + " is archived; it can no longer be renamed");
        }
        if (newName.equals(name)) {
            return version();
        }
        if (names.taken(locationId, newName, lostReasonId)) {
            throw duplicate(newName);
        }
        apply(new LostReasonRenamed(lostReasonId, locationId, newName));
        return version();
    }

    @CommandHandler
    long archive(ArchiveLostReason command) {
        requireInLocation(command.locationId());
        if (!archived) {
            apply(new LostReasonArchived(lostReasonId, locationId));
        }
        return version();
    }

    @EventSourcingHandler
    void on(LostReasonCreated event) {
        lostReasonId = event.lostReasonId();
        locationId = event.locationId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(LostReasonRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(LostReasonArchived event) {
        archived = true;
    }

    private static String checkedName(String requested) {
        String name = requested == null ? "" : requested.trim();
        if (name.isEmpty()) {
            throw new RuleViolated("invalid-name", "name", "name must not be blank");
        }
        if (StorableText.length(name) > MAX_NAME_LENGTH) {
            throw new RuleViolated("invalid-name", "name", "name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    private static RuleViolated duplicate(String name) {
        return new RuleViolated("duplicate-lost-reason-name", "name",
                "the location already has a lost reason named " + name);
    }

    /** A lost reason of another location answers as if it did not exist. */
    private void requireInLocation(String commandLocationId) {
        if (locationId == null || !locationId.equals(commandLocationId)) {
            throw new NotFound("lost-reason", lostReasonId);
        }
    }

    /** The version after the events applied so far: the last sequence number + 1. */
    private static long version() {
        Long lastSequence = AggregateLifecycle.getVersion();
        return lastSequence == null ? 0 : lastSequence + 1;
    }

    /** For Axon, which rebuilds the lost reason from its events. */
    LostReason() {
    }
}
