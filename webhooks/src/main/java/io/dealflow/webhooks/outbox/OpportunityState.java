package io.dealflow.webhooks.outbox;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityFollowerAdded;
import io.dealflow.events.opportunity.OpportunityFollowerRemoved;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityNoteDeleted;
import io.dealflow.events.opportunity.OpportunityNoteEdited;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.webhooks.subscription.WebhookEventType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An opportunity as webhook payloads show it, folded from its events. Kept per opportunity in
 * {@code webhooks.opportunity_snapshot}, so a payload never needs the read models.
 *
 * @param version    the event-stream version: sequence number of the last event + 1
 * @param updatedAt  time of the last event
 * @param deleted    deleted and not restored
 */
public record OpportunityState(String opportunityId, String locationId, String name, String pipelineId,
                               String stageId, String status, BigDecimal monetaryValue, String currency,
                               Contact contact, String source, String assignedTo, List<String> followers,
                               List<String> tags, Map<String, Object> customFields, String lostReasonId,
                               String lostReason, Instant createdAt, Instant updatedAt, Instant lastStageChangeAt,
                               Instant lastStatusChangeAt, long version, boolean deleted) {

    /** Whether the event is one of an opportunity's, i.e. changes this state. */
    static boolean folds(Object event) {
        return event.getClass().getPackageName().equals(OpportunityCreated.class.getPackageName());
    }

    /** The state of a new opportunity. */
    static OpportunityState created(OpportunityCreated event, Instant at) {
        return new OpportunityState(event.opportunityId(), event.locationId(), event.name(), event.pipelineId(),
                event.stageId(), "open", event.monetaryValue(), event.currency(), event.contact(), event.source(),
                event.assignedTo(), listOrEmpty(event.followers()), listOrEmpty(event.tags()),
                mapOrEmpty(event.customFields()), null, null, at, at, at, at, 1, false);
    }

    /**
     * The state after one more event of this opportunity.
     *
     * @param sequence the event's sequence number in the opportunity's stream
     */
    OpportunityState next(Object event, Instant at, long sequence) {
        OpportunityState touched = touched(at, sequence + 1);
        if (event instanceof OpportunityStageMoved moved) {
            return touched.withStage(moved.toPipelineId(), moved.toStageId(), at);
        }
        if (event instanceof OpportunityWon) {
            return touched.withStatus("won", null, null, at);
        }
        if (event instanceof OpportunityLost lost) {
            return touched.withStatus("lost", lost.lostReasonId(), lost.lostReason(), at);
        }
        if (event instanceof OpportunityAbandoned) {
            return touched.withStatus("abandoned", null, null, at);
        }
        if (event instanceof OpportunityReopened) {
            return touched.withStatus("open", null, null, at);
        }
        if (event instanceof OpportunityRenamed renamed) {
            return touched.with(renamed.name(), monetaryValue, currency, contact, source, assignedTo, followers,
                    tags, customFields);
        }
        if (event instanceof OpportunityValueChanged changed) {
            return touched.with(name, changed.monetaryValue(), changed.currency(), contact, source, assignedTo,
                    followers, tags, customFields);
        }
        if (event instanceof OpportunityContactChanged changed) {
            return touched.with(name, monetaryValue, currency, changed.contact(), source, assignedTo, followers,
                    tags, customFields);
        }
        if (event instanceof OpportunitySourceChanged changed) {
            return touched.with(name, monetaryValue, currency, contact, changed.source(), assignedTo, followers,
                    tags, customFields);
        }
        if (event instanceof OpportunityOwnerAssigned assigned) {
            return touched.with(name, monetaryValue, currency, contact, source, assigned.assignedTo(), followers,
                    tags, customFields);
        }
        if (event instanceof OpportunityTagsChanged changed) {
            return touched.with(name, monetaryValue, currency, contact, source, assignedTo, followers,
                    listOrEmpty(changed.tags()), customFields);
        }
        if (event instanceof OpportunityCustomFieldsChanged changed) {
            return touched.with(name, monetaryValue, currency, contact, source, assignedTo, followers, tags,
                    mapOrEmpty(changed.customFields()));
        }
        if (event instanceof OpportunityFollowerAdded added) {
            List<String> more = new ArrayList<>(followers);
            more.add(added.followerId());
            return touched.with(name, monetaryValue, currency, contact, source, assignedTo, List.copyOf(more), tags,
                    customFields);
        }
        if (event instanceof OpportunityFollowerRemoved removed) {
            List<String> fewer = new ArrayList<>(followers);
            fewer.remove(removed.followerId());
            return touched.with(name, monetaryValue, currency, contact, source, assignedTo, List.copyOf(fewer), tags,
                    customFields);
        }
        if (event instanceof OpportunityDeleted || event instanceof OpportunityRestored) {
            return touched.withDeleted(event instanceof OpportunityDeleted);
        }
        return touched;
    }

    /** What a receiver is told about the event. */
    static WebhookEventType typeOf(Object event) {
        if (event instanceof OpportunityCreated) {
            return WebhookEventType.OpportunityCreate;
        }
        if (event instanceof OpportunityStageMoved) {
            return WebhookEventType.OpportunityStageUpdate;
        }
        if (event instanceof OpportunityWon || event instanceof OpportunityLost
                || event instanceof OpportunityAbandoned || event instanceof OpportunityReopened) {
            return WebhookEventType.OpportunityStatusUpdate;
        }
        if (event instanceof OpportunityValueChanged) {
            return WebhookEventType.OpportunityMonetaryValueUpdate;
        }
        if (event instanceof OpportunityOwnerAssigned) {
            return WebhookEventType.OpportunityAssignedToUpdate;
        }
        if (event instanceof OpportunityDeleted) {
            return WebhookEventType.OpportunityDelete;
        }
        if (event instanceof OpportunityNoteAdded) {
            return WebhookEventType.NoteCreate;
        }
        if (event instanceof OpportunityNoteEdited) {
            return WebhookEventType.NoteUpdate;
        }
        if (event instanceof OpportunityNoteDeleted) {
            return WebhookEventType.NoteDelete;
        }
        if (event instanceof OpportunityTaskAdded) {
            return WebhookEventType.TaskCreate;
        }
        if (event instanceof OpportunityTaskEdited) {
            return WebhookEventType.TaskUpdate;
        }
        if (event instanceof OpportunityTaskCompleted) {
            return WebhookEventType.TaskComplete;
        }
        if (event instanceof OpportunityTaskReopened) {
            return WebhookEventType.TaskReopen;
        }
        if (event instanceof OpportunityTaskDeleted) {
            return WebhookEventType.TaskDelete;
        }
        return WebhookEventType.OpportunityUpdate;
    }

    private OpportunityState touched(Instant at, long newVersion) {
        return new OpportunityState(opportunityId, locationId, name, pipelineId, stageId, status, monetaryValue,
                currency, contact, source, assignedTo, followers, tags, customFields, lostReasonId, lostReason,
                createdAt, at, lastStageChangeAt, lastStatusChangeAt, newVersion, deleted);
    }

    private OpportunityState withStage(String newPipelineId, String newStageId, Instant at) {
        return new OpportunityState(opportunityId, locationId, name, newPipelineId, newStageId, status, monetaryValue,
                currency, contact, source, assignedTo, followers, tags, customFields, lostReasonId, lostReason,
                createdAt, updatedAt, at, lastStatusChangeAt, version, deleted);
    }

    private OpportunityState withStatus(String newStatus, String newLostReasonId, String newLostReason, Instant at) {
        return new OpportunityState(opportunityId, locationId, name, pipelineId, stageId, newStatus, monetaryValue,
                currency, contact, source, assignedTo, followers, tags, customFields, newLostReasonId, newLostReason,
                createdAt, updatedAt, lastStageChangeAt, at, version, deleted);
    }

    private OpportunityState with(String newName, BigDecimal newValue, String newCurrency, Contact newContact,
                                  String newSource, String newAssignedTo, List<String> newFollowers,
                                  List<String> newTags, Map<String, Object> newCustomFields) {
        return new OpportunityState(opportunityId, locationId, newName, pipelineId, stageId, status, newValue,
                newCurrency, newContact, newSource, newAssignedTo, newFollowers, newTags, newCustomFields,
                lostReasonId, lostReason, createdAt, updatedAt, lastStageChangeAt, lastStatusChangeAt, version,
                deleted);
    }

    private OpportunityState withDeleted(boolean nowDeleted) {
        return new OpportunityState(opportunityId, locationId, name, pipelineId, stageId, status, monetaryValue,
                currency, contact, source, assignedTo, followers, tags, customFields, lostReasonId, lostReason,
                createdAt, updatedAt, lastStageChangeAt, lastStatusChangeAt, version, nowDeleted);
    }

    private static List<String> listOrEmpty(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    private static Map<String, Object> mapOrEmpty(Map<String, Object> map) {
        // LinkedHashMap, not Map.copyOf: custom fields keep the order the client gave, and values may be null.
        return map == null ? Map.of() : new LinkedHashMap<>(map);
    }
}
