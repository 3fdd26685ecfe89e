package io.dealflow.webhooks.outbox;

import io.dealflow.events.Contact;
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
import io.dealflow.events.opportunity.OpportunityStageMoved;
import io.dealflow.events.opportunity.OpportunityTagsChanged;
import io.dealflow.events.opportunity.OpportunityTaskAdded;
import io.dealflow.events.opportunity.OpportunityTaskCompleted;
import io.dealflow.events.opportunity.OpportunityTaskDeleted;
import io.dealflow.events.opportunity.OpportunityTaskEdited;
import io.dealflow.events.opportunity.OpportunityTaskReopened;
import io.dealflow.events.opportunity.OpportunityValueChanged;
import io.dealflow.events.opportunity.OpportunityWon;
import io.dealflow.events.pipeline.PipelineRenamed;
import io.dealflow.webhooks.subscription.WebhookEventType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpportunityStateTest {

    private static final Instant T0 = Instant.parse("2026-01-05T09:30:00.123456Z");

    private final OpportunityState created = OpportunityState.created(new OpportunityCreated("o-1", "loc", "Deal",
            "p-1", "s-1", new BigDecimal("100.50"), "EUR", new Contact("c-1", "Ada", "ada@example.com", "+1", "ACME"),
            "web", "u-1", List.of("u-2"), List.of("hot"), Map.of("size", "L")), T0);

    @Test
    void createdOpportunityIsOpenAtVersionOne() {
        assertThat(created.status()).isEqualTo("open");
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.lastStageChangeAt()).isEqualTo(T0);
        assertThat(created.lastStatusChangeAt()).isEqualTo(T0);
    }

    @Test
    void foldsEachFacetAndCountsVersions() {
        Instant t1 = T0.plusSeconds(60);
        OpportunityState state = created
                .next(new OpportunityStageMoved("o-1", "loc", "p-1", "s-1", "p-2", "s-9"), t1, 1)
                .next(new OpportunityValueChanged("o-1", "loc", new BigDecimal("250.00"), "USD"), t1, 2)
                .next(new OpportunityOwnerAssigned("o-1", "loc", "u-7"), t1, 3)
                .next(new OpportunityRenamed("o-1", "loc", "Big deal"), t1, 4)
                .next(new OpportunityContactChanged("o-1", "loc", null), t1, 5)
                .next(new OpportunityTagsChanged("o-1", "loc", List.of("cold")), t1, 6)
                .next(new OpportunityCustomFieldsChanged("o-1", "loc", Map.of("size", "XL")), t1, 7)
                .next(new OpportunityFollowerAdded("o-1", "loc", "u-3"), t1, 8)
                .next(new OpportunityFollowerRemoved("o-1", "loc", "u-2"), t1, 9)
                .next(new OpportunityLost("o-1", "loc", "lr-1", "Too expensive"), t1.plusSeconds(1), 10);

        assertThat(state.pipelineId()).isEqualTo("p-2");
        assertThat(state.stageId()).isEqualTo("s-9");
        assertThat(state.lastStageChangeAt()).isEqualTo(t1);
        assertThat(state.monetaryValue()).isEqualByComparingTo("250");
        assertThat(state.currency()).isEqualTo("USD");
        assertThat(state.assignedTo()).isEqualTo("u-7");
        assertThat(state.name()).isEqualTo("Big deal");
        assertThat(state.contact()).isNull();
        assertThat(state.tags()).containsExactly("cold");
        assertThat(state.customFields()).containsEntry("size", "XL");
        assertThat(state.followers()).containsExactly("u-3");
        assertThat(state.status()).isEqualTo("lost");
        assertThat(state.lostReasonId()).isEqualTo("lr-1");
        assertThat(state.lastStatusChangeAt()).isEqualTo(t1.plusSeconds(1));
        assertThat(state.version()).isEqualTo(11);
        assertThat(state.updatedAt()).isEqualTo(t1.plusSeconds(1));
    }

    @Test
    void reopeningClearsLostReasonAndDeletionIsUndoneByRestore() {
        OpportunityState lost = created.next(new OpportunityLost("o-1", "loc", "lr-1", null), T0, 1);

        OpportunityState reopened = lost.next(new OpportunityReopened("o-1", "loc", "lost"), T0, 2);
        OpportunityState deleted = reopened.next(new OpportunityDeleted("o-1", "loc"), T0, 3);

        assertThat(reopened.status()).isEqualTo("open");
        assertThat(reopened.lostReasonId()).isNull();
        assertThat(deleted.deleted()).isTrue();
        assertThat(deleted.next(new OpportunityRestored("o-1", "loc"), T0, 4).deleted()).isFalse();
    }

    @Test
    void mapsEventsToDeliveryTypes() {
        assertThat(OpportunityState.typeOf(new OpportunityStageMoved("o", "l", "p", "a", "p", "b")))
                .isEqualTo(WebhookEventType.OpportunityStageUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityWon("o", "l")))
                .isEqualTo(WebhookEventType.OpportunityStatusUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityReopened("o", "l", "won")))
                .isEqualTo(WebhookEventType.OpportunityStatusUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityValueChanged("o", "l", BigDecimal.ONE, "USD")))
                .isEqualTo(WebhookEventType.OpportunityMonetaryValueUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityOwnerAssigned("o", "l", null)))
                .isEqualTo(WebhookEventType.OpportunityAssignedToUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityRenamed("o", "l", "n")))
                .isEqualTo(WebhookEventType.OpportunityUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityDeleted("o", "l")))
                .isEqualTo(WebhookEventType.OpportunityDelete);
        assertThat(OpportunityState.typeOf(new OpportunityNoteAdded("o", "l", "n", "b")))
                .isEqualTo(WebhookEventType.NoteCreate);
        assertThat(OpportunityState.typeOf(new OpportunityNoteEdited("o", "l", "n", "b2")))
                .isEqualTo(WebhookEventType.NoteUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityNoteDeleted("o", "l", "n")))
                .isEqualTo(WebhookEventType.NoteDelete);
        assertThat(OpportunityState.typeOf(new OpportunityTaskAdded("o", "l", "t", "x", null, null)))
                .isEqualTo(WebhookEventType.TaskCreate);
        assertThat(OpportunityState.typeOf(new OpportunityTaskEdited("o", "l", "t", "y", null, null)))
                .isEqualTo(WebhookEventType.TaskUpdate);
        assertThat(OpportunityState.typeOf(new OpportunityTaskCompleted("o", "l", "t")))
                .isEqualTo(WebhookEventType.TaskComplete);
        assertThat(OpportunityState.typeOf(new OpportunityTaskReopened("o", "l", "t")))
                .isEqualTo(WebhookEventType.TaskReopen);
        assertThat(OpportunityState.typeOf(new OpportunityTaskDeleted("o", "l", "t")))
                .isEqualTo(WebhookEventType.TaskDelete);
        assertThat(OpportunityState.folds(new PipelineRenamed("p", "l", "n"))).isFalse();
    }

    @Test
    void showsOpportunityWithHighLevelFieldNames() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("b", 2);
        fields.put("a", "x");
        OpportunityState state = created.next(new OpportunityCustomFieldsChanged("o-1", "loc", fields), T0, 1);

        HighLevelOpportunity shown = HighLevelOpportunity.of(state);

        assertThat(shown.pipelineStageId()).isEqualTo("s-1");
        assertThat(shown.contactId()).isEqualTo("c-1");
        assertThat(shown.contact().companyName()).isEqualTo("ACME");
        assertThat(shown.indexVersion()).isEqualTo(2);
        assertThat(shown.createdAt()).isEqualTo("2026-01-05T09:30:00.123Z");
        assertThat(shown.lastActionDate()).isEqualTo(shown.updatedAt());
        assertThat(shown.customFields()).extracting(HighLevelOpportunity.CustomFieldValue::id)
                .containsExactly("b", "a");
        assertThat(shown.followers()).containsExactly("u-2");
    }
}
