package io.dealflow.command.opportunity;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.command.lookup.PipelineCatalog;
import io.dealflow.events.Contact;
import io.dealflow.events.EventMetadata;
import io.dealflow.events.StorableText;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityCustomFieldsChanged;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityFollowerAdded;
import io.dealflow.events.opportunity.OpportunityFollowerRemoved;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityNoteAdded;
import io.dealflow.events.opportunity.OpportunityOwnerAssigned;
import io.dealflow.events.opportunity.OpportunityRenamed;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityRestored;
import io.dealflow.events.opportunity.OpportunitySourceChanged;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A deal moving through the stages of a pipeline until it is won, lost or abandoned. It decides every command on a
 * deal; handlers of existing deals answer the new version (sequence number of the last event + 1).
 *
 * <p>Snapshots serialize this state by its fields, so every field must stay readable by Jackson.
 */
@Aggregate(snapshotTriggerDefinition = "opportunitySnapshotTrigger")
class Opportunity {

    static final String DEFAULT_CURRENCY = "USD";

    @AggregateIdentifier
    private String opportunityId;
    private String locationId;
    private String name;
    private String pipelineId;
    private String stageId;
    private OpportunityStatus status;
    private BigDecimal monetaryValue;
    private String currency;
    private Contact contact;
    private String source;
    private String assignedTo;
    private List<String> followers = new ArrayList<>();
    private List<String> tags = new ArrayList<>();
    private Map<String, Object> customFields = new LinkedHashMap<>();
    private String lostReasonId;
    private String lostReason;
    private Set<String> noteIds = new HashSet<>();
    private Set<String> openTaskIds = new HashSet<>();
    private Set<String> completedTaskIds = new HashSet<>();
    private boolean deleted;
    private Instant createdAt;
    private Instant lastStageChangeAt;
    private Instant lastStatusChangeAt;

    @CommandHandler
    Opportunity(CreateOpportunity command, PipelineCatalog catalog, @MetaDataValue(EventMetadata.DOOR) String door) {
        String name = OpportunityRules.name(command.name());
        BigDecimal value = OpportunityRules.monetaryValue(
                command.monetaryValue() == null ? BigDecimal.ZERO : command.monetaryValue());
        String currency = OpportunityRules.currency(command.currency() == null ? DEFAULT_CURRENCY : command.currency());
        Contact contact = OpportunityRules.contact(command.contact());
        String source = OpportunityRules.optionalText("source", command.source());
        String assignedTo = OpportunityRules.optionalText("assignedTo", command.assignedTo());
        List<String> followers = OpportunityRules.items("followers", command.followers());
        List<String> tags = OpportunityRules.items("tags", command.tags());
        Map<String, Object> customFields = OpportunityRules.customFields(command.customFields());
        List<String> stages = liveStages(catalog, command.locationId(), command.pipelineId());
        String stage = command.stageId() == null ? stages.get(0) : requireStage(stages, command.stageId());
        requireNoOtherOpenDeal(catalog, door, command.locationId(), command.pipelineId(), contact,
                command.opportunityId());
        apply(new OpportunityCreated(command.opportunityId(), command.locationId(), name, command.pipelineId(), stage,
                value, currency, contact, source, assignedTo, followers, tags, customFields));
    }

    @CommandHandler
    long moveStage(MoveStage command, PipelineCatalog catalog, @MetaDataValue(EventMetadata.DOOR) String door) {
        requireLive(command.locationId(), command.expectedVersion());
        String targetPipeline = command.pipelineId() == null ? pipelineId : command.pipelineId();
        requireStage(liveStages(catalog, locationId, targetPipeline), command.stageId());
        if (targetPipeline.equals(pipelineId) && command.stageId().equals(stageId)) {
            return version();
        }
        if (status == OpportunityStatus.OPEN && !targetPipeline.equals(pipelineId)) {
            requireNoOtherOpenDeal(catalog, door, locationId, targetPipeline, contact, opportunityId);
        }
        apply(new OpportunityStageMoved(opportunityId, locationId, pipelineId, stageId, targetPipeline,
                command.stageId()));
        return version();
    }

    @CommandHandler
    long markWon(MarkWon command) {
        requireLive(command.locationId(), command.expectedVersion());
        if (status != OpportunityStatus.WON) {
            apply(new OpportunityWon(opportunityId, locationId));
        }
        return version();
    }

    @CommandHandler
    long markLost(MarkLost command, PipelineCatalog catalog) {
        requireLive(command.locationId(), command.expectedVersion());
        String freeText = OpportunityRules.optionalText("lostReason", command.lostReason());
        String reasonName = command.lostReasonId() == null ? null
                : catalog.lostReasonName(locationId, command.lostReasonId()).orElseThrow(() -> new RuleViolated(
                        "unknown-lost-reason", "lostReasonId", "lost reason " + command.lostReasonId()
                        + " does not exist"));
        // The event keeps the reason as it read when the deal was lost, even if the lost reason is renamed later.
        String reason = freeText != null ? freeText : reasonName;
        if (status == OpportunityStatus.LOST) {
            if (Objects.equals(lostReasonId, command.lostReasonId()) && Objects.equals(lostReason, reason)) {
                return version();
            }
            throw new StateConflict("already-lost",
                    "opportunity is already lost for another reason; reopen it before giving a new one");
        }
        apply(new OpportunityLost(opportunityId, locationId, command.lostReasonId(), reason));
        return version();
    }

    @CommandHandler
    long markAbandoned(MarkAbandoned command) {
        requireLive(command.locationId(), command.expectedVersion());
        if (status != OpportunityStatus.ABANDONED) {
            apply(new OpportunityAbandoned(opportunityId, locationId));
        }
        return version();
    }

    @CommandHandler
    long reopen(Reopen command, PipelineCatalog catalog, @MetaDataValue(EventMetadata.DOOR) String door) {
        requireLive(command.locationId(), command.expectedVersion());
        if (status == OpportunityStatus.OPEN) {
            return version();
        }
        List<String> liveStages = catalog.stagesOf(locationId, pipelineId).orElse(List.of());
        String targetStage = command.stageId();
        if (targetStage != null) {
            requireStage(liveStages, targetStage);
        } else if (!liveStages.contains(stageId)) {
            // Its stage was removed (or its pipeline deleted) while it was closed: an open deal must sit in a live
            // stage, so it reopens into the pipeline's first stage, or not at all.
            if (liveStages.isEmpty()) {
                throw new RuleViolated("pipeline-deleted", "stageId", "the opportunity's pipeline was deleted;"
                        + " move it to a stage of another pipeline before reopening it");
            }
            targetStage = liveStages.get(0);
        }
        requireNoOtherOpenDeal(catalog, door, locationId, pipelineId, contact, opportunityId);
        String fromStage = stageId;
        apply(new OpportunityReopened(opportunityId, locationId, status.code()));
        if (targetStage != null && !targetStage.equals(fromStage)) {
            apply(new OpportunityStageMoved(opportunityId, locationId, pipelineId, fromStage, pipelineId,
                    targetStage));
        }
        return version();
    }

    @CommandHandler
    long edit(EditOpportunity command) {
        requireLive(command.locationId(), command.expectedVersion());
        List<Object> changes = new ArrayList<>();
        if (command.name() != null) {
            String newName = OpportunityRules.name(command.name().orElse(null));
            if (!newName.equals(name)) {
                changes.add(new OpportunityRenamed(opportunityId, locationId, newName));
            }
        }
        if (command.monetaryValue() != null || command.currency() != null) {
            BigDecimal newValue = command.monetaryValue() == null ? monetaryValue
                    : OpportunityRules.monetaryValue(command.monetaryValue().orElse(null));
            String newCurrency = command.currency() == null ? currency
                    : OpportunityRules.currency(command.currency().orElse(null));
            if (newValue.compareTo(monetaryValue) != 0 || !newCurrency.equals(currency)) {
                changes.add(new OpportunityValueChanged(opportunityId, locationId, newValue, newCurrency));
            }
        }
        if (command.contact() != null) {
            Contact newContact = OpportunityRules.contact(command.contact().orElse(null));
            if (!Objects.equals(newContact, contact)) {
                changes.add(new OpportunityContactChanged(opportunityId, locationId, newContact));
            }
        }
        if (command.source() != null) {
            String newSource = OpportunityRules.optionalText("source", command.source().orElse(null));
            if (!Objects.equals(newSource, source)) {
                changes.add(new OpportunitySourceChanged(opportunityId, locationId, newSource));
            }
        }
        if (command.assignedTo() != null) {
            String newOwner = OpportunityRules.optionalText("assignedTo", command.assignedTo().orElse(null));
            if (!Objects.equals(newOwner, assignedTo)) {
                changes.add(new OpportunityOwnerAssigned(opportunityId, locationId, newOwner));
            }
        }
        if (command.tags() != null) {
            List<String> newTags = OpportunityRules.items("tags", command.tags().orElse(null));
            if (!newTags.equals(tags)) {
                changes.add(new OpportunityTagsChanged(opportunityId, locationId, newTags));
            }
        }
        if (command.customFields() != null) {
            Map<String, Object> newFields = OpportunityRules.customFields(command.customFields().orElse(null));
            if (!OpportunityRules.sameCustomFields(newFields, customFields)) {
                changes.add(new OpportunityCustomFieldsChanged(opportunityId, locationId, newFields));
            }
        }
        changes.forEach(AggregateLifecycle::apply);
        return version();
    }

    @CommandHandler
    long addTags(AddTags command) {
        requireLive(command.locationId(), command.expectedVersion());
        List<String> newTags = new ArrayList<>(tags);
        OpportunityRules.items("tags", command.tags()).stream()
                .filter(tag -> !newTags.contains(tag))
                .forEach(newTags::add);
        if (newTags.size() > OpportunityRules.MAX_ITEMS) {
            throw new RuleViolated("invalid-tags", "tags",
                    "an opportunity has at most " + OpportunityRules.MAX_ITEMS + " tags");
        }
        if (!newTags.equals(tags)) {
            apply(new OpportunityTagsChanged(opportunityId, locationId, List.copyOf(newTags)));
        }
        return version();
    }

    @CommandHandler
    long removeTags(RemoveTags command) {
        requireLive(command.locationId(), command.expectedVersion());
        List<String> removed = OpportunityRules.items("tags", command.tags());
        List<String> newTags = tags.stream().filter(tag -> !removed.contains(tag)).toList();
        if (!newTags.equals(tags)) {
            apply(new OpportunityTagsChanged(opportunityId, locationId, newTags));
        }
        return version();
    }

    @CommandHandler
    long addFollowers(AddFollowers command) {
        requireLive(command.locationId(), command.expectedVersion());
        List<String> newFollowers = OpportunityRules.items("followers", command.followers()).stream()
                .filter(follower -> !followers.contains(follower))
                .toList();
        if (followers.size() + newFollowers.size() > OpportunityRules.MAX_ITEMS) {
            throw new RuleViolated("invalid-followers", "followers",
                    "an opportunity has at most " + OpportunityRules.MAX_ITEMS + " followers");
        }
        newFollowers.forEach(follower -> apply(new OpportunityFollowerAdded(opportunityId, locationId, follower)));
        return version();
    }

    @CommandHandler
    long removeFollower(RemoveFollower command) {
        requireLive(command.locationId(), command.expectedVersion());
        if (followers.contains(command.followerId())) {
            apply(new OpportunityFollowerRemoved(opportunityId, locationId, command.followerId()));
        }
        return version();
    }

    @CommandHandler
    long addNote(AddNote command) {
        requireLive(command.locationId(), command.expectedVersion());
        if (command.body() == null || command.body().isBlank() || StorableText.length(command.body()) > OpportunityRules.MAX_NOTE) {
            throw new RuleViolated("invalid-body", "body", "body must be 1 to " + OpportunityRules.MAX_NOTE
                    + " characters");
        }
        if (!noteIds.contains(command.noteId())) {
            apply(new OpportunityNoteAdded(opportunityId, locationId, command.noteId(), command.body()));
        }
        return version();
    }

    @CommandHandler
    long addTask(AddTask command) {
        requireLive(command.locationId(), command.expectedVersion());
        String title = OpportunityRules.requiredText("title", command.title(), OpportunityRules.MAX_TEXT);
        String owner = OpportunityRules.optionalText("assignedTo", command.assignedTo());
        if (!openTaskIds.contains(command.taskId()) && !completedTaskIds.contains(command.taskId())) {
            apply(new OpportunityTaskAdded(opportunityId, locationId, command.taskId(), title, command.dueAt(),
                    owner));
        }
        return version();
    }

    @CommandHandler
    long completeTask(CompleteTask command) {
        requireLive(command.locationId(), command.expectedVersion());
        if (completedTaskIds.contains(command.taskId())) {
            return version();
        }
        if (!openTaskIds.contains(command.taskId())) {
            throw new NotFound("task", command.taskId());
        }
        apply(new OpportunityTaskCompleted(opportunityId, locationId, command.taskId()));
        return version();
    }

    @CommandHandler
    long delete(DeleteOpportunity command) {
        requireInLocation(command.opportunityId(), command.locationId());
        StaleVersion.check(command.expectedVersion(), version());
        if (!deleted) {
            apply(new OpportunityDeleted(opportunityId, locationId));
        }
        return version();
    }

    @CommandHandler
    long restore(RestoreOpportunity command) {
        requireInLocation(command.opportunityId(), command.locationId());
        StaleVersion.check(command.expectedVersion(), version());
        if (deleted) {
            apply(new OpportunityRestored(opportunityId, locationId));
        }
        return version();
    }

    @EventSourcingHandler
    void on(OpportunityCreated event, @Timestamp Instant at) {
        opportunityId = event.opportunityId();
        locationId = event.locationId();
        name = event.name();
        pipelineId = event.pipelineId();
        stageId = event.stageId();
        status = OpportunityStatus.OPEN;
        monetaryValue = event.monetaryValue();
        currency = event.currency();
        contact = event.contact();
        source = event.source();
        assignedTo = event.assignedTo();
        followers = new ArrayList<>(event.followers() == null ? List.of() : event.followers());
        tags = new ArrayList<>(event.tags() == null ? List.of() : event.tags());
        customFields = new LinkedHashMap<>(event.customFields() == null ? Map.of() : event.customFields());
        createdAt = at;
        lastStageChangeAt = at;
        lastStatusChangeAt = at;
    }

    @EventSourcingHandler
    void on(OpportunityStageMoved event, @Timestamp Instant at) {
        pipelineId = event.toPipelineId();
        stageId = event.toStageId();
        lastStageChangeAt = at;
    }

    @EventSourcingHandler
    void on(OpportunityWon event, @Timestamp Instant at) {
        closed(OpportunityStatus.WON, null, null, at);
    }

    @EventSourcingHandler
    void on(OpportunityLost event, @Timestamp Instant at) {
        closed(OpportunityStatus.LOST, event.lostReasonId(), event.lostReason(), at);
    }

    @EventSourcingHandler
    void on(OpportunityAbandoned event, @Timestamp Instant at) {
        closed(OpportunityStatus.ABANDONED, null, null, at);
    }

    @EventSourcingHandler
    void on(OpportunityReopened event, @Timestamp Instant at) {
        closed(OpportunityStatus.OPEN, null, null, at);
    }

    @EventSourcingHandler
    void on(OpportunityRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(OpportunityValueChanged event) {
        monetaryValue = event.monetaryValue();
        currency = event.currency();
    }

    @EventSourcingHandler
    void on(OpportunityContactChanged event) {
        contact = event.contact();
    }

    @EventSourcingHandler
    void on(OpportunitySourceChanged event) {
        source = event.source();
    }

    @EventSourcingHandler
    void on(OpportunityOwnerAssigned event) {
        assignedTo = event.assignedTo();
    }

    @EventSourcingHandler
    void on(OpportunityTagsChanged event) {
        tags = new ArrayList<>(event.tags() == null ? List.of() : event.tags());
    }

    @EventSourcingHandler
    void on(OpportunityCustomFieldsChanged event) {
        customFields = new LinkedHashMap<>(event.customFields() == null ? Map.of() : event.customFields());
    }

    @EventSourcingHandler
    void on(OpportunityFollowerAdded event) {
        followers.add(event.followerId());
    }

    @EventSourcingHandler
    void on(OpportunityFollowerRemoved event) {
        followers.remove(event.followerId());
    }

    @EventSourcingHandler
    void on(OpportunityNoteAdded event) {
        noteIds.add(event.noteId());
    }

    @EventSourcingHandler
    void on(OpportunityTaskAdded event) {
        openTaskIds.add(event.taskId());
    }

    @EventSourcingHandler
    void on(OpportunityTaskCompleted event) {
        openTaskIds.remove(event.taskId());
        completedTaskIds.add(event.taskId());
    }

    @EventSourcingHandler
    void on(OpportunityDeleted event) {
        deleted = true;
    }

    @EventSourcingHandler
    void on(OpportunityRestored event) {
        deleted = false;
    }

    private void closed(OpportunityStatus newStatus, String reasonId, String reason, Instant at) {
        status = newStatus;
        lostReasonId = reasonId;
        lostReason = reason;
        lastStatusChangeAt = at;
    }

    /** Refuses a command for another location, or for a deal that is deleted, as if the deal did not exist. */
    private void requireLive(String commandLocationId, Long expectedVersion) {
        requireInLocation(opportunityId, commandLocationId);
        if (deleted) {
            throw new NotFound("opportunity", opportunityId);
        }
        StaleVersion.check(expectedVersion, version());
    }

    private void requireInLocation(String commandOpportunityId, String commandLocationId) {
        // No location means the stream under this id is not an opportunity's (an id of another aggregate type).
        if (locationId == null || !locationId.equals(commandLocationId)) {
            throw new NotFound("opportunity", commandOpportunityId);
        }
    }

    /**
     * Where the location does not allow duplicate opportunities, a contact has at most one open deal per pipeline
     * (HighLevel's {@code allowDuplicateOpportunity}). A location that never set it gets each door's default: the
     * HighLevel door refuses duplicates, as HighLevel does, and the native door allows them, as its contract always
     * did. Deals without a contact id are never duplicates.
     */
    private static void requireNoOtherOpenDeal(PipelineCatalog catalog, String door, String locationId,
                                               String pipelineId, Contact contact, String opportunityId) {
        if (contact == null || contact.id() == null) {
            return;
        }
        boolean allowed = catalog.allowDuplicateOpportunity(locationId)
                .orElse(!EventMetadata.HIGHLEVEL_DOOR.equals(door));
        if (allowed) {
            return;
        }
        catalog.lockOtherOpenOpportunityOfContact(locationId, pipelineId, contact.id(), opportunityId)
                .ifPresent(existing -> {
                    throw new RuleViolated("duplicate-opportunity", "contact.id", "contact " + contact.id()
                            + " already has an open opportunity in this pipeline: " + existing
                            + " (the location does not allow duplicate opportunities)");
                });
    }

    private static List<String> liveStages(PipelineCatalog catalog, String locationId, String pipelineId) {
        Optional<List<String>> stages = pipelineId == null ? Optional.empty()
                : catalog.stagesOf(locationId, pipelineId);
        return stages.orElseThrow(() -> new RuleViolated("unknown-pipeline", "pipelineId",
                "pipeline " + pipelineId + " does not exist"));
    }

    private static String requireStage(List<String> liveStages, String stageId) {
        if (stageId == null || !liveStages.contains(stageId)) {
            throw new RuleViolated("unknown-stage", "stageId", "stage " + stageId + " is not a stage of the pipeline");
        }
        return stageId;
    }

    /** The version after the events applied so far: the last sequence number + 1. */
    private static long version() {
        Long lastSequence = AggregateLifecycle.getVersion();
        return lastSequence == null ? 0 : lastSequence + 1;
    }

    /** For Axon, which rebuilds the aggregate from its events (and Jackson, from a snapshot). */
    Opportunity() {
    }
}
