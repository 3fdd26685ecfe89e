package io.dealflow.bulk.operation;

import io.dealflow.command.opportunity.AddFollowers;
import io.dealflow.command.opportunity.DeleteOpportunity;
import io.dealflow.command.opportunity.EditOpportunity;
import io.dealflow.command.opportunity.MarkAbandoned;
import io.dealflow.command.opportunity.MarkLost;
import io.dealflow.command.opportunity.MarkWon;
import io.dealflow.command.opportunity.MoveStage;
import io.dealflow.command.opportunity.RemoveFollower;
import io.dealflow.command.opportunity.Reopen;
import io.dealflow.command.opportunity.RestoreOpportunity;
import io.dealflow.query.asof.AsOfOpportunities.Standing;
import io.dealflow.query.opportunity.OpportunityView;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ordinary commands that take a deal from how it stands now back to how it stood before a bulk operation changed
 * it: restored first (a deleted deal takes no other command), then its status, stage, facets and followers, and
 * deleted last. The first command carries the version the deal had right after the operation, so a change that slips
 * in between the check and the commands is refused as stale instead of being overwritten.
 */
final class UndoPlan {

    private UndoPlan() {
    }

    @SuppressWarnings("OptionalAssignedToNull")
    static List<Object> between(Standing now, Standing before, long expectedVersion) {
        OpportunityView current = now.opportunity();
        OpportunityView target = before.opportunity();
        String id = target.id();
        String location = target.locationId();
        Expected expected = new Expected(expectedVersion);
        List<Object> commands = new ArrayList<>();
        if (now.deleted() && !before.deleted()) {
            commands.add(new RestoreOpportunity(id, location, expected.once()));
        }
        boolean samePipeline = target.pipelineId().equals(current.pipelineId());
        if (!sameStatus(current, target)) {
            if (target.status().equals("open")) {
                commands.add(new Reopen(id, location, samePipeline ? target.stageId() : null, expected.once()));
            } else {
                if (current.status().equals("lost")) {
                    // A lost deal is lost again for another reason only after reopening it (the aggregate's rule).
                    commands.add(new Reopen(id, location, null, expected.once()));
                }
                commands.add(switch (target.status()) {
                    case "won" -> new MarkWon(id, location, expected.once());
                    case "lost" -> new MarkLost(id, location, target.lostReasonId(), target.lostReason(),
                            expected.once());
                    default -> new MarkAbandoned(id, location, expected.once());
                });
            }
        }
        if (!samePipeline || !target.stageId().equals(current.stageId())) {
            commands.add(new MoveStage(id, location, target.stageId(), samePipeline ? null : target.pipelineId(),
                    expected.once()));
        }
        EditOpportunity edit = new EditOpportunity(id, location,
                differs(current.name(), target.name()),
                current.monetaryValue().compareTo(target.monetaryValue()) != 0
                        || !current.currency().equals(target.currency())
                        ? Optional.of(target.monetaryValue()) : null,
                current.currency().equals(target.currency()) ? null : Optional.of(target.currency()),
                differs(current.contact(), target.contact()),
                differs(current.source(), target.source()),
                differs(current.assignedTo(), target.assignedTo()),
                differs(current.tags(), target.tags()),
                differs(current.customFields(), target.customFields()),
                null);
        if (edit.name() != null || edit.monetaryValue() != null || edit.currency() != null || edit.contact() != null
                || edit.source() != null || edit.assignedTo() != null || edit.tags() != null
                || edit.customFields() != null) {
            commands.add(new EditOpportunity(id, location, edit.name(), edit.monetaryValue(), edit.currency(),
                    edit.contact(), edit.source(), edit.assignedTo(), edit.tags(), edit.customFields(),
                    expected.once()));
        }
        for (String follower : current.followers()) {
            if (!target.followers().contains(follower)) {
                commands.add(new RemoveFollower(id, location, follower, expected.once()));
            }
        }
        List<String> missing = target.followers().stream().filter(f -> !current.followers().contains(f)).toList();
        if (!missing.isEmpty()) {
            commands.add(new AddFollowers(id, location, missing, expected.once()));
        }
        if (!now.deleted() && before.deleted()) {
            commands.add(new DeleteOpportunity(id, location, expected.once()));
        }
        return commands;
    }

    private static boolean sameStatus(OpportunityView current, OpportunityView target) {
        return current.status().equals(target.status())
                && Objects.equals(current.lostReasonId(), target.lostReasonId())
                && Objects.equals(current.lostReason(), target.lostReason());
    }

    @SuppressWarnings("OptionalAssignedToNull")
    private static <T> Optional<T> differs(T current, T target) {
        return Objects.equals(current, target) ? null : Optional.ofNullable(target);
    }

    /** Hands the expected version to the first command only; the later ones build on it. */
    private static final class Expected {
        private Long version;

        Expected(long version) {
            this.version = version;
        }

        Long once() {
            Long first = version;
            version = null;
            return first;
        }
    }
}
