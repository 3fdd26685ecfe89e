package io.dealflow.query.asof;

import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityAbandoned;
import io.dealflow.events.opportunity.OpportunityContactChanged;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
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
import io.dealflow.query.BatchFold;
import io.dealflow.query.asof.CardBatch.Card;
import io.dealflow.query.axon.EventTime;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keeps board cards as versions over time ({@code card_version}): the deal part of the history processor, beside
 * {@link AsOfPipelineProjection}, which keeps the pipelines and stages, and {@link AsOfTaskProjection}, which keeps
 * the tasks. An event that changes a card closes its current version at the event's global index and time and opens
 * the next, so "as it stood at T" is one indexed lookup of the versions valid at T. A version never starts before
 * the one it follows, even when clocks of two writers disagree.
 *
 * <p>Card events, the bulk of the store, only record their change in the batch's {@link CardBatch}, which reads and
 * writes the card versions once per batch when it commits. The reset empties the tables of this class and of
 * {@link AsOfPipelineProjection} in one statement.
 */
@Component
@ProcessingGroup(ReadModels.HISTORY)
class AsOfProjection {

    private static final Contact NO_CONTACT = new Contact(null, null, null, null, null);
    private static final String BATCH_RESOURCE = CardBatch.class.getName();

    private final JdbcTemplate jdbc;

    AsOfProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(OpportunityCreated event, @Timestamp Instant timestamp, TrackingToken token) {
        OffsetDateTime at = EventTime.of(timestamp);
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        List<String> tags = event.tags() == null ? List.of() : List.copyOf(event.tags());
        batch().create(new Card(event.opportunityId(), event.locationId(), event.pipelineId(), event.stageId(),
                event.name(), "open", event.monetaryValue(), event.currency(), contact, event.source(),
                event.assignedTo(), tags, at, false), StoredEvents.globalIndex(token), at);
    }

    @EventHandler
    void on(OpportunityStageMoved event, @Timestamp Instant timestamp, TrackingToken token) {
        OffsetDateTime at = EventTime.of(timestamp);
        nextCard(event.opportunityId(), token, at, card -> card.moved(event.toPipelineId(), event.toStageId(), at));
    }

    @EventHandler
    void on(OpportunityWon event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withStatus("won"));
    }

    @EventHandler
    void on(OpportunityLost event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withStatus("lost"));
    }

    @EventHandler
    void on(OpportunityAbandoned event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withStatus("abandoned"));
    }

    @EventHandler
    void on(OpportunityReopened event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withStatus("open"));
    }

    @EventHandler
    void on(OpportunityValueChanged event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp),
                card -> card.valued(event.monetaryValue(), event.currency()));
    }

    @EventHandler
    void on(OpportunityRenamed event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.named(event.name()));
    }

    @EventHandler
    void on(OpportunityContactChanged event, @Timestamp Instant timestamp, TrackingToken token) {
        Contact contact = event.contact() == null ? NO_CONTACT : event.contact();
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withContact(contact));
    }

    @EventHandler
    void on(OpportunityOwnerAssigned event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.ownedBy(event.assignedTo()));
    }

    @EventHandler
    void on(OpportunitySourceChanged event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.from(event.source()));
    }

    @EventHandler
    void on(OpportunityTagsChanged event, @Timestamp Instant timestamp, TrackingToken token) {
        List<String> tags = event.tags() == null ? List.of() : event.tags();
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.tagged(tags));
    }

    @EventHandler
    void on(OpportunityDeleted event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withDeleted(true));
    }

    @EventHandler
    void on(OpportunityRestored event, @Timestamp Instant timestamp, TrackingToken token) {
        nextCard(event.opportunityId(), token, EventTime.of(timestamp), card -> card.withDeleted(false));
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE read_model.pipeline_version, read_model.stage_version, read_model.card_version");
    }

    /** Records a change to an opportunity's card in the running batch. */
    private void nextCard(String opportunityId, TrackingToken token, OffsetDateTime at, UnaryOperator<Card> change) {
        batch().change(opportunityId, StoredEvents.globalIndex(token), at, change);
    }

    /** The card versions of the running batch, written just before it commits. */
    private CardBatch batch() {
        return BatchFold.current(BATCH_RESOURCE, CardBatch::new, batch -> batch.flush(jdbc));
    }
}
