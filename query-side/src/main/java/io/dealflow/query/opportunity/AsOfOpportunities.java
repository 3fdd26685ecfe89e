package io.dealflow.query.opportunity;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityFollowerAdded;
import io.dealflow.events.opportunity.OpportunityFollowerRemoved;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.StoredEvents;
import io.dealflow.query.axon.StoredEvents.StoredEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;

/**
 * An opportunity as it stood at an instant: its own events up to that instant, read from the event store in one
 * query and folded exactly as the live detail projection folds them (so an instant after the last event answers what
 * the live detail answers). A deal deleted at that instant is not shown, as the live detail does not show it.
 */
@Component
public class AsOfOpportunities {

    private static final String OPPORTUNITY = "Opportunity";

    private final StoredEvents events;

    AsOfOpportunities(StoredEvents events) {
        this.events = events;
    }

    /** The opportunity at {@code asOf}; empty when unknown, of another location, not yet created or deleted then. */
    Optional<OpportunityView> find(String locationId, String opportunityId, Instant asOf) {
        return foldUntil(opportunityId, (sequence, at) -> at.isAfter(asOf))
                .filter(state -> !state.deleted && state.locationId.equals(locationId))
                .map(State::view);
    }

    /**
     * The opportunity as it stood before the event of sequence {@code version} (the first {@code version} events),
     * deleted or not, or empty when it is unknown, of another location or had no events then. The undo of a bulk
     * operation reads here the state each deal had just before the operation changed it.
     */
    public Optional<Standing> atVersion(String locationId, String opportunityId, long version) {
        return foldUntil(opportunityId, (sequence, at) -> sequence >= version)
                .filter(state -> state.locationId.equals(locationId))
                .map(state -> new Standing(state.view(), state.deleted));
    }

    /** The deal's events folded in order up to the first one {@code stop} says is past; empty when none was kept. */
    private Optional<State> foldUntil(String opportunityId, BiPredicate<Long, Instant> stop) {
        List<StoredEvent> stored = events.ofAggregate(opportunityId);
        if (stored.isEmpty() || !OPPORTUNITY.equals(stored.get(0).aggregateType())) {
            return Optional.empty();
        }
        State state = null;
        for (TrackedEventMessage<?> message : events.messages(stored)) {
            long sequence = ((DomainEventMessage<?>) message).getSequenceNumber();
            Instant at = EventTime.of(message.getTimestamp()).toInstant();
            if (stop.test(sequence, at)) {
                break;
            }
            Object payload = message.getPayload();
            if (payload instanceof OpportunityCreated created) {
                state = new State(created, at);
            } else if (state != null) {
                state.apply(payload, at);
            }
            if (state != null) {
                state.version = sequence + 1;
                state.updatedAt = at;
            }
        }
        return Optional.ofNullable(state);
    }

    /** The opportunity as its events leave it, and whether it was deleted then. */
    public record Standing(OpportunityView opportunity, boolean deleted) {
    }

    /** The fold of one opportunity's events, field for field what the live detail row holds. */
    private static final class State {
        private final String id;
        private final String locationId;
        private final Instant createdAt;
        private String name;
        private String pipelineId;
        private String stageId;
        private String status = "open";
        private BigDecimal monetaryValue;
        private String currency;
        private Contact contact;
        private String source;
        private String assignedTo;
        private final List<String> followers;
        private List<String> tags;
        private Map<String, Object> customFields;
        private String lostReasonId;
        private String lostReason;
        private Instant updatedAt;
        private Instant lastStageChangeAt;
        private Instant lastStatusChangeAt;
        private boolean deleted;
        private long version;

        State(OpportunityCreated event, Instant at) {
            id = event.opportunityId();
            locationId = event.locationId();
            name = event.name();
            pipelineId = event.pipelineId();
            stageId = event.stageId();
            monetaryValue = event.monetaryValue();
            currency = event.currency();
            contact = event.contact();
            source = event.source();
            assignedTo = event.assignedTo();
            followers = new ArrayList<>(event.followers() == null ? List.of() : event.followers());
            tags = event.tags() == null ? List.of() : List.copyOf(event.tags());
            customFields = event.customFields() == null ? Map.of() : new LinkedHashMap<>(event.customFields());
            createdAt = at;
            lastStageChangeAt = at;
            lastStatusChangeAt = at;
        }

        void apply(Object event, Instant at) {
            if (event instanceof OpportunityStageMoved moved) {
                pipelineId = moved.toPipelineId();
                stageId = moved.toStageId();
                lastStageChangeAt = at;
            } else if (event instanceof OpportunityWon) {
                closed("won", null, null, at);
            } else if (event instanceof OpportunityLost lost) {
                closed("lost", lost.lostReasonId(), lost.lostReason(), at);
            } else if (event instanceof OpportunityAbandoned) {
                closed("abandoned", null, null, at);
            } else if (event instanceof OpportunityReopened) {
                closed("open", null, null, at);
            } else if (event instanceof OpportunityValueChanged changed) {
                monetaryValue = changed.monetaryValue();
                currency = changed.currency();
            } else if (event instanceof OpportunityRenamed renamed) {
                name = renamed.name();
            } else if (event instanceof OpportunityContactChanged changed) {
                contact = changed.contact();
            } else if (event instanceof OpportunityOwnerAssigned assigned) {
                assignedTo = assigned.assignedTo();
            } else if (event instanceof OpportunitySourceChanged changed) {
                source = changed.source();
            } else if (event instanceof OpportunityTagsChanged changed) {
                tags = changed.tags() == null ? List.of() : List.copyOf(changed.tags());
            } else if (event instanceof OpportunityCustomFieldsChanged changed) {
                customFields = changed.customFields() == null ? Map.of() : new LinkedHashMap<>(changed.customFields());
            } else if (event instanceof OpportunityFollowerAdded added) {
                followers.remove(added.followerId());
                followers.add(added.followerId());
            } else if (event instanceof OpportunityFollowerRemoved removed) {
                followers.removeIf(follower -> follower.equals(removed.followerId()));
            } else if (event instanceof OpportunityDeleted) {
                deleted = true;
            } else if (event instanceof OpportunityRestored) {
                deleted = false;
            }
        }

        private void closed(String newStatus, String reasonId, String reason, Instant at) {
            status = newStatus;
            lostReasonId = reasonId;
            lostReason = reason;
            lastStatusChangeAt = at;
        }

        OpportunityView view() {
            boolean noContact = contact == null || contact.equals(new Contact(null, null, null, null, null));
            return new OpportunityView(id, locationId, name, pipelineId, stageId, status,
                    monetaryValue.setScale(2, RoundingMode.UNNECESSARY), currency, noContact ? null : contact, source,
                    assignedTo, List.copyOf(followers), tags, customFields, lostReasonId, lostReason, createdAt,
                    updatedAt, lastStageChangeAt, lastStatusChangeAt, version);
        }
    }
}
