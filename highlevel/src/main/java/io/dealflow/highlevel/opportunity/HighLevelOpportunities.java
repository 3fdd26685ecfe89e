package io.dealflow.highlevel.opportunity;

import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.lookup.LostReasonCatalog;
import io.dealflow.command.lookup.OpportunityCatalog;
import io.dealflow.command.lookup.PipelineCatalog;
import io.dealflow.command.opportunity.AddFollowers;
import io.dealflow.command.opportunity.CreateOpportunity;
import io.dealflow.command.opportunity.DeleteOpportunity;
import io.dealflow.command.opportunity.EditOpportunity;
import io.dealflow.command.opportunity.MarkAbandoned;
import io.dealflow.command.opportunity.MarkLost;
import io.dealflow.command.opportunity.MarkWon;
import io.dealflow.command.opportunity.MoveStage;
import io.dealflow.command.opportunity.RemoveFollower;
import io.dealflow.command.opportunity.Reopen;
import io.dealflow.events.Contact;
import io.dealflow.highlevel.http.DoorCommands;
import io.dealflow.highlevel.http.HighLevelRefusal;
import io.dealflow.highlevel.http.LocationAccess;
import io.dealflow.query.axon.ReadModels;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Translates HighLevel's opportunity requests into dealflow's opportunity commands, the same ones the native API
 * sends, and answers with the opportunity as the read model shows it once it has processed them.
 *
 * <p>A HighLevel request that changes several facets becomes several commands, each atomic on its own. Everything the
 * door can check up front (shape, pipeline and stage, lost reason) is checked before the first command, so a request
 * is refused as a whole; only a concurrent change between the commands can leave part of it applied.
 */
@Component
class HighLevelOpportunities {

    static final String FOLLOWERS_REMOVE = "remove";

    private final DoorCommands commands;
    private final HighLevelOpportunityReader reader;
    private final PipelineCatalog pipelines;
    private final OpportunityCatalog opportunities;
    private final LostReasonCatalog lostReasons;
    private final LocationAccess access;

    HighLevelOpportunities(DoorCommands commands, HighLevelOpportunityReader reader, PipelineCatalog pipelines,
                           OpportunityCatalog opportunities, LostReasonCatalog lostReasons, LocationAccess access) {
        this.commands = commands;
        this.reader = reader;
        this.pipelines = pipelines;
        this.opportunities = opportunities;
        this.lostReasons = lostReasons;
        this.access = access;
    }

    /** A read after this door's and everyone's committed commands. */
    HighLevelOpportunity current(String opportunityId) {
        commands.awaitReadModels(ReadModels.OPPORTUNITIES);
        return reader.find(opportunityId).orElseThrow(() -> HighLevelRefusal.notFound("Opportunity"));
    }

    /** The location of a live opportunity, once the key may act on it: 404 for none, 403 for another's. */
    String locate(String opportunityId) {
        String locationId = opportunities.locationOfOpportunity(opportunityId)
                .orElseThrow(() -> HighLevelRefusal.notFound("Opportunity"));
        access.requireAccess(locationId);
        return locationId;
    }

    HighLevelOpportunity create(CreateOpportunityRequest request) {
        String locationId = access.require(request.locationId(), "locationId");
        Map<String, Object> customFields = request.customFields() == null ? null
                : CustomFieldInput.byField(request.customFields());
        String id = create(locationId, request.pipelineId(), request.pipelineStageId(), request.name(),
                request.contactId(), request.monetaryValue(), request.assignedTo(), request.source(), customFields,
                request.followers(), request.status(), null);
        return current(id);
    }

    HighLevelOpportunity update(String opportunityId, UpdateOpportunityRequest request) {
        String locationId = locate(opportunityId);
        HighLevelOpportunity before = current(opportunityId);
        Map<String, Object> customFields = request.customFields() == null ? null
                : merged(before, CustomFieldInput.byField(request.customFields()));
        MoveStage move = move(opportunityId, locationId, before, request.pipelineId(), request.pipelineStageId());
        requireLostReason(locationId, request.status(), request.lostReasonId());
        edit(opportunityId, locationId, request.name(), request.monetaryValue(), request.assignedTo(),
                request.source(), customFields, before.indexVersion());
        if (move != null) {
            commands.send(move);
        }
        if (request.status() != null) {
            changeStatus(opportunityId, locationId, request.status(), request.lostReasonId());
        }
        return current(opportunityId);
    }

    /** Answers once the read model shows the change, so the client's next read sees it, as on HighLevel. */
    void changeStatus(String opportunityId, UpdateStatusRequest request) {
        String locationId = locate(opportunityId);
        requireLostReason(locationId, request.status(), request.lostReasonId());
        changeStatus(opportunityId, locationId, request.status(), request.lostReasonId());
        commands.awaitReadModels(ReadModels.OPPORTUNITIES);
    }

    /** Answers once the read model no longer shows the deal. */
    void delete(String opportunityId) {
        String locationId = locate(opportunityId);
        commands.send(new DeleteOpportunity(opportunityId, locationId, null));
        commands.awaitReadModels(ReadModels.OPPORTUNITIES);
    }

    /** The opportunity and whether the upsert created it. */
    record Upserted(HighLevelOpportunity opportunity, boolean created) {
    }

    Upserted upsert(UpsertOpportunityRequest request) {
        String locationId = access.require(request.locationId(), "locationId");
        Map<String, Object> customFields = request.customFields() == null ? null
                : CustomFieldInput.byField(request.customFields());
        Optional<String> existing = match(request, locationId);
        if (existing.isEmpty()) {
            List<String> missing = new ArrayList<>();
            if (request.name() == null || request.name().isBlank()) {
                missing.add("name should not be empty");
            }
            if (request.contactId() == null || request.contactId().isBlank()) {
                missing.add("contactId should not be empty");
            }
            if (!missing.isEmpty()) {
                throw HighLevelRefusal.invalid(missing);
            }
            requireLostReason(locationId, request.status(), request.lostReasonId());
            try {
                String id = create(locationId, request.pipelineId(), request.pipelineStageId(), request.name(),
                        request.contactId(), request.monetaryValue(), request.assignedTo(), request.source(),
                        customFields, request.followers() == null || FOLLOWERS_REMOVE.equals(
                                request.followersActionType()) ? null : request.followers(),
                        request.status() == null ? "open" : request.status(), request.lostReasonId());
                return new Upserted(current(id), true);
            } catch (RuleViolated refused) {
                // A concurrent upsert created the contact's deal first: update that one, as a later upsert would.
                existing = "duplicate-opportunity".equals(refused.code()) ? match(request, locationId)
                        : Optional.empty();
                if (existing.isEmpty()) {
                    throw refused;
                }
            }
        }
        String id = existing.get();
        HighLevelOpportunity before = current(id);
        Map<String, Object> merged = customFields == null ? null : merged(before, customFields);
        MoveStage move = move(id, locationId, before, request.pipelineId(), request.pipelineStageId());
        requireLostReason(locationId, request.status(), request.lostReasonId());
        edit(id, locationId, request.name(), request.monetaryValue(), request.assignedTo(), request.source(), merged,
                before.indexVersion());
        if (move != null) {
            commands.send(move);
        }
        if (request.status() != null) {
            changeStatus(id, locationId, request.status(), request.lostReasonId());
        }
        upsertFollowers(id, locationId, before.followers(), request);
        return new Upserted(current(id), false);
    }

    /** Followers as HighLevel answers them: all of them, and those this request added. */
    record FollowersChange(List<String> followers, List<String> changed) {
    }

    FollowersChange addFollowers(String opportunityId, List<String> followers) {
        String locationId = locate(opportunityId);
        HighLevelOpportunity before = current(opportunityId);
        List<String> wanted = distinct(followers);
        commands.send(new AddFollowers(opportunityId, locationId, wanted, null));
        List<String> added = wanted.stream().filter(follower -> !before.followers().contains(follower)).toList();
        return new FollowersChange(current(opportunityId).followers(), added);
    }

    FollowersChange removeFollowers(String opportunityId, List<String> followers, boolean all) {
        String locationId = locate(opportunityId);
        HighLevelOpportunity before = current(opportunityId);
        List<String> removed = removeFollowers(opportunityId, locationId, before.followers(),
                all ? before.followers() : distinct(followers));
        return new FollowersChange(current(opportunityId).followers(), removed);
    }

    private String create(String locationId, String pipelineId, String stageId, String name, String contactId,
                          BigDecimal monetaryValue, String assignedTo, String source, Map<String, Object> customFields,
                          List<String> followers, String status, String lostReasonId) {
        requireLostReason(locationId, status, lostReasonId);
        String id = UUID.randomUUID().toString();
        Contact contact = new Contact(contactId, null, null, null, null);
        commands.send(new CreateOpportunity(id, locationId, name, pipelineId, stageId, monetaryValue, null, contact,
                source, assignedTo, followers, null, customFields));
        if (!"open".equals(status)) {
            changeStatus(id, locationId, status, lostReasonId);
        }
        return id;
    }

    private Optional<String> match(UpsertOpportunityRequest request, String locationId) {
        if (request.id() != null && !request.id().isBlank()) {
            String id = request.id().trim();
            if (!opportunities.locationOfOpportunity(id).map(locationId::equals).orElse(false)) {
                throw HighLevelRefusal.notFound("Opportunity");
            }
            return Optional.of(id);
        }
        if (request.contactId() == null || request.contactId().isBlank()) {
            return Optional.empty();
        }
        return opportunities.openOpportunitiesOfContact(locationId, request.pipelineId(), request.contactId().trim())
                .stream().findFirst();
    }

    /**
     * The move a request asks for, checked up front, or null when it stays where it is. A new pipeline without a
     * stage means that pipeline's first stage.
     */
    private MoveStage move(String opportunityId, String locationId, HighLevelOpportunity before, String pipelineId,
                           String stageId) {
        if ((pipelineId == null || pipelineId.isBlank()) && (stageId == null || stageId.isBlank())) {
            return null;
        }
        String targetPipeline = pipelineId == null || pipelineId.isBlank() ? before.pipelineId() : pipelineId;
        List<String> stages = pipelines.stagesOf(locationId, targetPipeline)
                .orElseThrow(() -> HighLevelRefusal.invalid("pipeline " + targetPipeline + " does not exist"));
        String targetStage = stageId == null || stageId.isBlank()
                ? targetPipeline.equals(before.pipelineId()) ? before.pipelineStageId() : stages.get(0)
                : stageId;
        if (!stages.contains(targetStage)) {
            throw HighLevelRefusal.invalid("stage " + targetStage + " is not a stage of pipeline " + targetPipeline);
        }
        if (targetPipeline.equals(before.pipelineId()) && targetStage.equals(before.pipelineStageId())) {
            return null;
        }
        return new MoveStage(opportunityId, locationId, targetStage,
                targetPipeline.equals(before.pipelineId()) ? null : targetPipeline, null);
    }

    /**
     * Sends the facets that change as one edit, checked against the version the merge of custom fields was based on,
     * so a concurrent custom field change is not silently undone.
     */
    private void edit(String opportunityId, String locationId, String name, BigDecimal monetaryValue,
                      String assignedTo, String source, Map<String, Object> customFields, long basedOn) {
        if (name == null && monetaryValue == null && assignedTo == null && source == null && customFields == null) {
            return;
        }
        commands.send(new EditOpportunity(opportunityId, locationId, name == null ? null : Optional.of(name),
                monetaryValue == null ? null : Optional.of(monetaryValue), null, null,
                source == null ? null : Optional.of(source), assignedTo == null ? null : Optional.of(assignedTo),
                null, customFields == null ? null : Optional.of(customFields),
                customFields == null ? null : basedOn));
    }

    private void changeStatus(String opportunityId, String locationId, String status, String lostReasonId) {
        switch (status) {
            case "open" -> commands.send(new Reopen(opportunityId, locationId, null, null));
            case "won" -> commands.send(new MarkWon(opportunityId, locationId, null));
            case "lost" -> commands.send(new MarkLost(opportunityId, locationId,
                    lostReasonId == null || lostReasonId.isBlank() ? null : lostReasonId, null, null));
            case "abandoned" -> commands.send(new MarkAbandoned(opportunityId, locationId, null));
            default -> throw HighLevelRefusal.invalid("status must be one of the following values: open, won, lost,"
                    + " abandoned");
        }
    }

    /** A lost reason counts only with status lost, and then it must exist: checked before any command is sent. */
    private void requireLostReason(String locationId, String status, String lostReasonId) {
        if ("lost".equals(status) && lostReasonId != null && !lostReasonId.isBlank()
                && lostReasons.lostReasonName(locationId, lostReasonId).isEmpty()) {
            throw HighLevelRefusal.invalid("lostReasonId " + lostReasonId + " is not a lost reason of the location");
        }
    }

    private void upsertFollowers(String opportunityId, String locationId, List<String> current,
                                 UpsertOpportunityRequest request) {
        List<String> remaining = current;
        if (Boolean.TRUE.equals(request.isRemoveAllFollowers())) {
            removeFollowers(opportunityId, locationId, current, current);
            remaining = List.of();
        }
        if (request.followers() == null || request.followers().isEmpty()) {
            return;
        }
        if (FOLLOWERS_REMOVE.equals(request.followersActionType())) {
            removeFollowers(opportunityId, locationId, remaining, distinct(request.followers()));
        } else {
            commands.send(new AddFollowers(opportunityId, locationId, distinct(request.followers()), null));
        }
    }

    private List<String> removeFollowers(String opportunityId, String locationId, List<String> current,
                                         List<String> unwanted) {
        List<String> removed = unwanted.stream().filter(current::contains).toList();
        for (String follower : removed) {
            commands.send(new RemoveFollower(opportunityId, locationId, follower, null));
        }
        return removed;
    }

    private static Map<String, Object> merged(HighLevelOpportunity before, Map<String, Object> changes) {
        Map<String, Object> fields = new LinkedHashMap<>();
        before.customFields().forEach(field -> fields.put(field.id(), field.fieldValue()));
        fields.putAll(changes);
        return fields;
    }

    private static List<String> distinct(List<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        values.stream().filter(value -> value != null && !value.isBlank()).map(String::trim).forEach(kept::add);
        return List.copyOf(kept);
    }
}
