package io.dealflow.command.opportunity;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
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
import io.dealflow.events.store.EventSerialization;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.dealflow.command.opportunity.OpportunityFixtures.CONTACT;
import static io.dealflow.command.opportunity.OpportunityFixtures.ID;
import static io.dealflow.command.opportunity.OpportunityFixtures.LEAD;
import static io.dealflow.command.opportunity.OpportunityFixtures.LOCATION;
import static io.dealflow.command.opportunity.OpportunityFixtures.LOST_REASON;
import static io.dealflow.command.opportunity.OpportunityFixtures.LOST_REASON_NAME;
import static io.dealflow.command.opportunity.OpportunityFixtures.OTHER_LOCATION;
import static io.dealflow.command.opportunity.OpportunityFixtures.OTHER_PIPELINE;
import static io.dealflow.command.opportunity.OpportunityFixtures.PIPELINE;
import static io.dealflow.command.opportunity.OpportunityFixtures.PROPOSAL;
import static io.dealflow.command.opportunity.OpportunityFixtures.QUALIFIED;
import static io.dealflow.command.opportunity.OpportunityFixtures.RENEWAL_DUE;
import static io.dealflow.command.opportunity.OpportunityFixtures.aDeletedOpportunity;
import static io.dealflow.command.opportunity.OpportunityFixtures.aLostOpportunity;
import static io.dealflow.command.opportunity.OpportunityFixtures.aWonOpportunity;
import static io.dealflow.command.opportunity.OpportunityFixtures.anOpenOpportunity;
import static io.dealflow.command.opportunity.OpportunityFixtures.edit;
import static io.dealflow.command.opportunity.OpportunityFixtures.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class OpportunityTest {

    private FixtureConfiguration<Opportunity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Opportunity.class);
        fixture.registerInjectableResource(OpportunityFixtures.catalog());
    }

    private static CreateOpportunity create(String name, String stageId, String value, String currency) {
        BigDecimal monetaryValue = value == null ? null : new BigDecimal(value);
        return new CreateOpportunity(ID, LOCATION, name, PIPELINE, stageId, monetaryValue, currency, null, null,
                null, null, null, null);
    }

    @Nested
    class OnCreate {

        @Test
        void createsOpenOpportunityInFirstStageWithDefaults() {
            fixture.givenNoPriorActivity()
                    .when(create("  Big deal ", null, null, null))
                    .expectEvents(new OpportunityCreated(ID, LOCATION, "Big deal", PIPELINE, LEAD, BigDecimal.ZERO,
                            "USD", null, null, null, List.of(), List.of(), Map.of()))
                    .expectState(opportunity -> assertThat(opportunity).extracting("status")
                            .isEqualTo(OpportunityStatus.OPEN));
        }

        @Test
        void createsOpportunityWithEveryFacet() {
            Contact padded = new Contact(" c-1 ", "Ada Lovelace", "ada@example.com", "", null);
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, LOCATION, "Big deal", PIPELINE, QUALIFIED,
                            new BigDecimal("1500.500"), "EUR", padded, " web ", "user-1",
                            List.of("user-2", "user-3", "user-2"), List.of("hot", " vip "),
                            Map.of("region", "EMEA", "seats", 12)))
                    .expectEvents(new OpportunityCreated(ID, LOCATION, "Big deal", PIPELINE, QUALIFIED,
                            new BigDecimal("1500.50"), "EUR",
                            new Contact("c-1", "Ada Lovelace", "ada@example.com", null, null), "web", "user-1",
                            List.of("user-2", "user-3"), List.of("hot", "vip"), Map.of("region", "EMEA", "seats", 12)));
        }

        @Test
        void rejectsBlankName() {
            fixture.givenNoPriorActivity()
                    .when(create("   ", null, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void rejectsNameOver255Characters() {
            fixture.givenNoPriorActivity()
                    .when(create("x".repeat(256), null, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void rejectsNegativeValue() {
            fixture.givenNoPriorActivity()
                    .when(create("Deal", null, "-0.01", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-monetary-value"));
        }

        @Test
        void rejectsValueWithThreeDecimals() {
            fixture.givenNoPriorActivity()
                    .when(create("Deal", null, "10.125", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-monetary-value"));
        }

        @Test
        void rejectsValueOf10To15() {
            fixture.givenNoPriorActivity()
                    .when(create("Deal", null, "1000000000000000", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-monetary-value"));
        }

        @Test
        void rejectsUnknownCurrency() {
            fixture.givenNoPriorActivity()
                    .when(create("Deal", null, null, "ABC"))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-currency"));
        }

        @Test
        void rejectsLowercaseCurrency() {
            fixture.givenNoPriorActivity()
                    .when(create("Deal", null, null, "usd"))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-currency"));
        }

        @Test
        void rejectsUnknownPipeline() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, LOCATION, "Deal", "pipe-unknown", null, null, null, null, null,
                            null, null, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-pipeline"));
        }

        @Test
        void rejectsPipelineOfAnotherLocation() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, OTHER_LOCATION, "Deal", PIPELINE, null, null, null, null, null,
                            null, null, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-pipeline"));
        }

        @Test
        void rejectsStageOfAnotherPipeline() {
            fixture.givenNoPriorActivity()
                    .when(create("Deal", RENEWAL_DUE, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-stage"));
        }

        @Test
        void rejectsBlankTag() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, LOCATION, "Deal", PIPELINE, null, null, null, null, null, null,
                            null, List.of("ok", " "), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-tags"));
        }

        @Test
        void rejectsMoreThan100Followers() {
            List<String> followers = IntStream.rangeClosed(1, 101).mapToObj(i -> "user-" + i).toList();
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, LOCATION, "Deal", PIPELINE, null, null, null, null, null, null,
                            followers, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-followers"));
        }

        @Test
        void rejectsNestedCustomFieldValue() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, LOCATION, "Deal", PIPELINE, null, null, null, null, null, null,
                            null, null, Map.of("address", Map.of("city", "Oslo"))))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-custom-fields"));
        }

        @Test
        void rejectsOverlongContactField() {
            fixture.givenNoPriorActivity()
                    .when(new CreateOpportunity(ID, LOCATION, "Deal", PIPELINE, null, null, null,
                            new Contact(null, "n".repeat(256), null, null, null), null, null, null, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-contact"));
        }
    }

    @Nested
    class OnMoveStage {

        @Test
        void movesToAnotherStageAndAnswersTheNewVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, QUALIFIED, null, null))
                    .expectEvents(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, PIPELINE, QUALIFIED))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void answersVersionAfterLastEventOfALongerHistory() {
            fixture.given(anOpenOpportunity(), new OpportunityWon(ID, LOCATION),
                            new OpportunityReopened(ID, LOCATION, "won"))
                    .when(new MoveStage(ID, LOCATION, PROPOSAL, PIPELINE, 3L))
                    .expectEvents(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, PIPELINE, PROPOSAL))
                    .expectResultMessagePayload(4L);
        }

        @Test
        void movesToAStageOfAnotherPipeline() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, RENEWAL_DUE, OTHER_PIPELINE,
                            null))
                    .expectEvents(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, OTHER_PIPELINE, RENEWAL_DUE))
                    .expectState(opportunity -> assertThat(opportunity)
                            .extracting("pipelineId", "stageId").containsExactly(OTHER_PIPELINE, RENEWAL_DUE));
        }

        @Test
        void ignoresMoveToTheCurrentStage() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, LEAD, PIPELINE, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void movesClosedDealWithoutReopeningIt() {
            fixture.given(aWonOpportunity())
                    .when(new MoveStage(ID, LOCATION, PROPOSAL, null, null))
                    .expectEvents(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, PIPELINE, PROPOSAL))
                    .expectState(opportunity -> assertThat(opportunity).extracting("status")
                            .isEqualTo(OpportunityStatus.WON));
        }

        @Test
        void rejectsStageOfAnotherPipelineWhenStayingInThePipeline() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, RENEWAL_DUE, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-stage"));
        }

        @Test
        void rejectsUnknownStage() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, "stage-removed", null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-stage"));
        }

        @Test
        void rejectsUnknownTargetPipeline() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, LEAD, "pipe-unknown", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-pipeline"));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity(), new OpportunityWon(ID, LOCATION))
                    .when(new MoveStage(ID, LOCATION, QUALIFIED, null, 1L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, OTHER_LOCATION, QUALIFIED, null, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }

        @Test
        void rejectsMoveOfDeletedOpportunityAsNotFound() {
            fixture.given(aDeletedOpportunity())
                    .when(new MoveStage(ID, LOCATION, QUALIFIED, null, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }
    }

    @Nested
    class OnMarkWon {

        @Test
        void marksOpenOpportunityWon() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkWon(ID, LOCATION, 1L))
                    .expectEvents(new OpportunityWon(ID, LOCATION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresWonRepeat() {
            fixture.given(aWonOpportunity())
                    .when(new MarkWon(ID, LOCATION, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void marksLostOpportunityWonAndForgetsTheLostReason() {
            fixture.given(aLostOpportunity())
                    .when(new MarkWon(ID, LOCATION, null))
                    .expectEvents(new OpportunityWon(ID, LOCATION))
                    .expectState(opportunity -> assertThat(opportunity).extracting("status", "lostReasonId")
                            .containsExactly(OpportunityStatus.WON, null));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkWon(ID, LOCATION, 2L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkWon(ID, OTHER_LOCATION, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }

        @Test
        void rejectsDeletedOpportunityAsNotFound() {
            fixture.given(aDeletedOpportunity())
                    .when(new MarkWon(ID, LOCATION, null))
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnMarkLost {

        @Test
        void recordsTheReasonNameWhenOnlyTheIdIsGiven() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, LOCATION, LOST_REASON, null, null))
                    .expectEvents(new OpportunityLost(ID, LOCATION, LOST_REASON, LOST_REASON_NAME))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void keepsFreeTextBesideTheReasonId() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, LOCATION, LOST_REASON, " Chose a rival ",
                            null))
                    .expectEvents(new OpportunityLost(ID, LOCATION, LOST_REASON, "Chose a rival"));
        }

        @Test
        void marksLostWithoutAnyReason() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, LOCATION, null, null, null))
                    .expectEvents(new OpportunityLost(ID, LOCATION, null, null));
        }

        @Test
        void rejectsUnknownLostReason() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, LOCATION, "reason-unknown", null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-lost-reason"));
        }

        @Test
        void rejectsFreeTextOver255Characters() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, LOCATION, null, "x".repeat(256), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-lostReason"));
        }

        @Test
        void ignoresRepeatWithTheSameReason() {
            fixture.given(aLostOpportunity())
                    .when(new MarkLost(ID, LOCATION, LOST_REASON, null, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void refusesAnotherReasonForALostOpportunity() {
            fixture.given(aLostOpportunity())
                    .when(new MarkLost(ID, LOCATION, null, "Budget cut", null))
                    .expectNoEvents()
                    .expectException(refusal(StateConflict.class, "already-lost"));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, LOCATION, null, null, 7L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkLost(ID, OTHER_LOCATION, null, null, null))
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnMarkAbandoned {

        @Test
        void marksOpenOpportunityAbandoned() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkAbandoned(ID, LOCATION, null))
                    .expectEvents(new OpportunityAbandoned(ID, LOCATION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresAbandonedRepeat() {
            fixture.given(anOpenOpportunity(), new OpportunityAbandoned(ID, LOCATION))
                    .when(new MarkAbandoned(ID, LOCATION, 2L))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkAbandoned(ID, LOCATION, 2L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new MarkAbandoned(ID, OTHER_LOCATION, null))
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnReopen {

        @Test
        void reopensWonOpportunityInItsStage() {
            fixture.given(aWonOpportunity())
                    .when(new Reopen(ID, LOCATION, null, 2L))
                    .expectEvents(new OpportunityReopened(ID, LOCATION, "won"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void reopensIntoAnotherStageWithAMove() {
            fixture.given(aLostOpportunity())
                    .when(new Reopen(ID, LOCATION, PROPOSAL, null))
                    .expectEvents(new OpportunityReopened(ID, LOCATION, "lost"),
                            new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, PIPELINE, PROPOSAL))
                    .expectResultMessagePayload(4L)
                    .expectState(opportunity -> assertThat(opportunity)
                            .extracting("status", "stageId", "lostReasonId", "lostReason")
                            .containsExactly(OpportunityStatus.OPEN, PROPOSAL, null, null));
        }

        @Test
        void reopensIntoTheCurrentStageWithoutAMove() {
            fixture.given(anOpenOpportunity(), new OpportunityAbandoned(ID, LOCATION))
                    .when(new Reopen(ID, LOCATION, LEAD, null))
                    .expectEvents(new OpportunityReopened(ID, LOCATION, "abandoned"));
        }

        @Test
        void reopensIntoTheFirstStageWhenItsStageWasRemovedMeanwhile() {
            fixture.given(anOpenOpportunity(), new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, PIPELINE,
                            "stage-removed-later"), new OpportunityWon(ID, LOCATION))
                    .when(new Reopen(ID, LOCATION, null, null))
                    .expectEvents(new OpportunityReopened(ID, LOCATION, "won"),
                            new OpportunityStageMoved(ID, LOCATION, PIPELINE, "stage-removed-later", PIPELINE, LEAD));
        }

        @Test
        void rejectsReopenWhenItsPipelineWasDeleted() {
            fixture.given(anOpenOpportunity(), new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD,
                            "pipeline-deleted-later", "stage-of-deleted"), new OpportunityWon(ID, LOCATION))
                    .when(new Reopen(ID, LOCATION, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "pipeline-deleted"));
        }

        @Test
        void ignoresReopenOfOpenOpportunity() {
            fixture.given(anOpenOpportunity())
                    .when(new Reopen(ID, LOCATION, QUALIFIED, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsStageOutsideItsPipeline() {
            fixture.given(aWonOpportunity())
                    .when(new Reopen(ID, LOCATION, RENEWAL_DUE, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "unknown-stage"));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(aWonOpportunity())
                    .when(new Reopen(ID, LOCATION, null, 1L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(aWonOpportunity())
                    .when(new Reopen(ID, OTHER_LOCATION, null, null))
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnEdit {

        @Test
        void renamesWithTheTrimmedName() {
            fixture.given(anOpenOpportunity())
                    .when(edit().name(" Bigger deal ").build())
                    .expectEvents(new OpportunityRenamed(ID, LOCATION, "Bigger deal"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void emitsOneEventPerChangedFacetAndNoneForUnchangedOnes() {
            fixture.given(anOpenOpportunity())
                    .when(edit().name("Big deal").monetaryValue("2500").currency("USD").contact(CONTACT)
                            .source("referral").assignedTo("user-9").tags(List.of("hot"))
                            .customFields(Map.of("region", "APAC")).build())
                    .expectEvents(new OpportunityValueChanged(ID, LOCATION, new BigDecimal("2500"), "USD"),
                            new OpportunitySourceChanged(ID, LOCATION, "referral"),
                            new OpportunityOwnerAssigned(ID, LOCATION, "user-9"),
                            new OpportunityCustomFieldsChanged(ID, LOCATION, Map.of("region", "APAC")))
                    .expectResultMessagePayload(5L);
        }

        @Test
        void changesCurrencyKeepingTheValue() {
            fixture.given(anOpenOpportunity())
                    .when(edit().currency("EUR").build())
                    .expectEvents(new OpportunityValueChanged(ID, LOCATION, new BigDecimal("1000.00"), "EUR"));
        }

        @Test
        void ignoresTheSameValueWrittenWithAnotherScale() {
            fixture.given(anOpenOpportunity())
                    .when(edit().monetaryValue("1000").build())
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void ignoresTheSameCustomFieldsWithOtherNumberTypes() {
            OpportunityCreated created = anOpenOpportunity();
            fixture.given(new OpportunityCreated(ID, LOCATION, created.name(), PIPELINE, LEAD,
                            created.monetaryValue(), "USD", null, null, null, List.of(), List.of(),
                            Map.of("seats", new BigDecimal("12.0"), "ratio", List.of(new BigDecimal("0.5")))))
                    .when(edit().customFields(Map.of("seats", 12, "ratio", List.of(0.5))).build())
                    .expectNoEvents();
        }

        @Test
        void clearsContactSourceOwnerAndTags() {
            fixture.given(anOpenOpportunity())
                    .when(edit().contact(null).source(null).assignedTo(null).tags(null).build())
                    .expectEvents(new OpportunityContactChanged(ID, LOCATION, null),
                            new OpportunitySourceChanged(ID, LOCATION, null),
                            new OpportunityOwnerAssigned(ID, LOCATION, null),
                            new OpportunityTagsChanged(ID, LOCATION, List.of()));
        }

        @Test
        void changesTagsAsAWholeSet() {
            fixture.given(anOpenOpportunity())
                    .when(edit().tags(List.of("hot", "q3")).build())
                    .expectEvents(new OpportunityTagsChanged(ID, LOCATION, List.of("hot", "q3")));
        }

        @Test
        void ignoresAnEditThatChangesNothing() {
            fixture.given(anOpenOpportunity())
                    .when(edit().build())
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsClearingTheName() {
            fixture.given(anOpenOpportunity())
                    .when(edit().name(null).build())
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-name"));
        }

        @Test
        void rejectsNegativeValueAndAppliesNoOtherChange() {
            fixture.given(anOpenOpportunity())
                    .when(edit().name("Renamed").monetaryValue("-5").build())
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-monetary-value"));
        }

        @Test
        void rejectsValueWithThreeDecimals() {
            fixture.given(anOpenOpportunity())
                    .when(edit().monetaryValue("1.001").build())
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-monetary-value"));
        }

        @Test
        void rejectsUnknownCurrency() {
            fixture.given(anOpenOpportunity())
                    .when(edit().currency("EURO").build())
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-currency"));
        }

        @Test
        void rejectsMoreThan100Tags() {
            fixture.given(anOpenOpportunity())
                    .when(edit().tags(IntStream.rangeClosed(1, 101).mapToObj(i -> "tag-" + i).toList()).build())
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-tags"));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(edit().name("Renamed").expectedVersion(3).build())
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(edit().location(OTHER_LOCATION).name("Renamed").build())
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }

        @Test
        void rejectsDeletedOpportunityAsNotFound() {
            fixture.given(aDeletedOpportunity())
                    .when(edit().name("Renamed").build())
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnFollowers {

        @Test
        void addsOneEventPerNewFollowerOnly() {
            fixture.given(anOpenOpportunity())
                    .when(new AddFollowers(ID, LOCATION, List.of("user-2", "user-3", "user-4", "user-3"), null))
                    .expectEvents(new OpportunityFollowerAdded(ID, LOCATION, "user-3"),
                            new OpportunityFollowerAdded(ID, LOCATION, "user-4"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void ignoresExistingFollowers() {
            fixture.given(anOpenOpportunity())
                    .when(new AddFollowers(ID, LOCATION, List.of("user-2"), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsBlankFollower() {
            fixture.given(anOpenOpportunity())
                    .when(new AddFollowers(ID, LOCATION, List.of("user-3", ""), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-followers"));
        }

        @Test
        void rejectsMoreThan100FollowersInAll() {
            List<String> hundred = IntStream.rangeClosed(10, 109).mapToObj(i -> "user-" + i).toList();
            fixture.given(anOpenOpportunity())
                    .when(new AddFollowers(ID, LOCATION, hundred, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-followers"));
        }

        @Test
        void removesAFollower() {
            fixture.given(anOpenOpportunity())
                    .when(new RemoveFollower(ID, LOCATION, "user-2", 1L))
                    .expectEvents(new OpportunityFollowerRemoved(ID, LOCATION, "user-2"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresRemovingSomeoneWhoDoesNotFollow() {
            fixture.given(anOpenOpportunity())
                    .when(new RemoveFollower(ID, LOCATION, "user-3", null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new AddFollowers(ID, LOCATION, List.of("user-3"), 2L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new RemoveFollower(ID, OTHER_LOCATION, "user-2", null))
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnNotes {

        @Test
        void addsANote() {
            fixture.given(anOpenOpportunity())
                    .when(new AddNote(ID, LOCATION, "note-1", "Called, they want a demo", null))
                    .expectEvents(new OpportunityNoteAdded(ID, LOCATION, "note-1", "Called, they want a demo"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresARepeatedNoteId() {
            fixture.given(anOpenOpportunity(), new OpportunityNoteAdded(ID, LOCATION, "note-1", "Called"))
                    .when(new AddNote(ID, LOCATION, "note-1", "Called", null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void rejectsBlankBody() {
            fixture.given(anOpenOpportunity())
                    .when(new AddNote(ID, LOCATION, "note-1", " \n ", null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-body"));
        }

        @Test
        void rejectsBodyOver10000Characters() {
            fixture.given(anOpenOpportunity())
                    .when(new AddNote(ID, LOCATION, "note-1", "x".repeat(10_001), null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-body"));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new AddNote(ID, LOCATION, "note-1", "Called", 2L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new AddNote(ID, OTHER_LOCATION, "note-1", "Called", null))
                    .expectNoEvents()
                    .expectException(NotFound.class);
        }
    }

    @Nested
    class OnTasks {

        private final Instant due = Instant.parse("2026-03-01T09:00:00Z");

        @Test
        void addsATask() {
            fixture.given(anOpenOpportunity())
                    .when(new AddTask(ID, LOCATION, "task-1", " Send proposal ", due, "user-1", null))
                    .expectEvents(new OpportunityTaskAdded(ID, LOCATION, "task-1", "Send proposal", due, "user-1"))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void rejectsBlankTitle() {
            fixture.given(anOpenOpportunity())
                    .when(new AddTask(ID, LOCATION, "task-1", "", null, null, null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-title"));
        }

        @Test
        void completesAnOpenTask() {
            fixture.given(anOpenOpportunity(),
                            new OpportunityTaskAdded(ID, LOCATION, "task-1", "Send proposal", due, null))
                    .when(new CompleteTask(ID, LOCATION, "task-1", 2L))
                    .expectEvents(new OpportunityTaskCompleted(ID, LOCATION, "task-1"))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void ignoresCompletingACompletedTask() {
            fixture.given(anOpenOpportunity(),
                            new OpportunityTaskAdded(ID, LOCATION, "task-1", "Send proposal", due, null),
                            new OpportunityTaskCompleted(ID, LOCATION, "task-1"))
                    .when(new CompleteTask(ID, LOCATION, "task-1", null))
                    .expectNoEvents()
                    .expectResultMessagePayload(3L);
        }

        @Test
        void rejectsCompletingAnUnknownTaskAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new CompleteTask(ID, LOCATION, "task-unknown", null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "task-not-found"));
        }

        @Test
        void rejectsStaleVersion() {
            fixture.given(anOpenOpportunity())
                    .when(new AddTask(ID, LOCATION, "task-1", "Call", null, null, 5L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsOpportunityOfAnotherLocationAsNotFound() {
            fixture.given(anOpenOpportunity(),
                            new OpportunityTaskAdded(ID, LOCATION, "task-1", "Send proposal", due, null))
                    .when(new CompleteTask(ID, OTHER_LOCATION, "task-1", null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }
    }

    @Nested
    class OnDeleteAndRestore {

        @Test
        void deletesAnOpportunity() {
            fixture.given(anOpenOpportunity())
                    .when(new DeleteOpportunity(ID, LOCATION, 1L))
                    .expectEvents(new OpportunityDeleted(ID, LOCATION))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresDeleteOfADeletedOpportunity() {
            fixture.given(aDeletedOpportunity())
                    .when(new DeleteOpportunity(ID, LOCATION, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(2L);
        }

        @Test
        void restoresADeletedOpportunityWithItsState() {
            fixture.given(aWonOpportunity())
                    .andGiven(new OpportunityDeleted(ID, LOCATION))
                    .when(new RestoreOpportunity(ID, LOCATION, 3L))
                    .expectEvents(new OpportunityRestored(ID, LOCATION))
                    .expectResultMessagePayload(4L)
                    .expectState(opportunity -> assertThat(opportunity).extracting("status", "deleted")
                            .containsExactly(OpportunityStatus.WON, false));
        }

        @Test
        void ignoresRestoreOfALiveOpportunity() {
            fixture.given(anOpenOpportunity())
                    .when(new RestoreOpportunity(ID, LOCATION, null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsStaleVersionOnDelete() {
            fixture.given(anOpenOpportunity())
                    .when(new DeleteOpportunity(ID, LOCATION, 2L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsStaleVersionOnRestore() {
            fixture.given(aDeletedOpportunity())
                    .when(new RestoreOpportunity(ID, LOCATION, 1L))
                    .expectNoEvents()
                    .expectException(StaleVersion.class);
        }

        @Test
        void rejectsDeleteOfAnotherLocationsOpportunityAsNotFound() {
            fixture.given(anOpenOpportunity())
                    .when(new DeleteOpportunity(ID, OTHER_LOCATION, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }

        @Test
        void rejectsRestoreOfAnotherLocationsOpportunityAsNotFound() {
            fixture.given(aDeletedOpportunity())
                    .when(new RestoreOpportunity(ID, OTHER_LOCATION, null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }
    }

    @Nested
    class OnSnapshot {

        @Test
        void stateSurvivesTheSnapshotSerializer() {
            Serializer serializer = EventSerialization.stateSerializer();
            List<Object> history = new ArrayList<>(Arrays.asList(aLostOpportunity()));
            history.add(new OpportunityCustomFieldsChanged(ID, LOCATION,
                    Map.of("seats", 12, "ratio", new BigDecimal("0.5"), "flags", List.of(true, "x"))));
            history.add(new OpportunityTaskAdded(ID, LOCATION, "task-1", "Call", Instant.parse("2026-03-01T09:00:00Z"),
                    null));
            history.add(new OpportunityTaskAdded(ID, LOCATION, "task-2", "Mail", null, null));
            history.add(new OpportunityTaskCompleted(ID, LOCATION, "task-2"));
            history.add(new OpportunityNoteAdded(ID, LOCATION, "note-1", "Called"));
            history.add(new OpportunityFollowerAdded(ID, LOCATION, "user-7"));
            history.add(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, OTHER_PIPELINE, RENEWAL_DUE));
            fixture.given(history)
                    .when(new MarkLost(ID, LOCATION, LOST_REASON, null, null))
                    .expectNoEvents()
                    .expectState(opportunity -> {
                        SerializedObject<byte[]> bytes = serializer.serialize(opportunity, byte[].class);
                        Opportunity copy = serializer.deserialize(bytes);
                        assertThat(copy).usingRecursiveComparison().isEqualTo(opportunity);
                        assertThat(copy).extracting("status", "stageId", "contact", "lostReason")
                                .containsExactly(OpportunityStatus.LOST, RENEWAL_DUE, CONTACT, LOST_REASON_NAME);
                    });
        }
    }

    @Nested
    class OnTagsInBulk {

        @Test
        void addsTagsAfterTheOnesItCarries() {
            fixture.given(anOpenOpportunity())
                    .when(new AddTags(ID, LOCATION, List.of("q3", "hot", "vip"), null))
                    .expectEvents(new OpportunityTagsChanged(ID, LOCATION, List.of("hot", "q3", "vip")))
                    .expectResultMessagePayload(2L);
        }

        @Test
        void ignoresTagsItAlreadyCarries() {
            fixture.given(anOpenOpportunity())
                    .when(new AddTags(ID, LOCATION, List.of("hot"), null))
                    .expectNoEvents()
                    .expectResultMessagePayload(1L);
        }

        @Test
        void rejectsAddingPastOneHundredTags() {
            fixture.given(anOpenOpportunity())
                    .when(new AddTags(ID, LOCATION, IntStream.rangeClosed(1, 100).mapToObj(i -> "tag-" + i).toList(),
                            null))
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "invalid-tags"));
        }

        @Test
        void removesOnlyTheNamedTags() {
            fixture.given(anOpenOpportunity(), new OpportunityTagsChanged(ID, LOCATION, List.of("hot", "q3")))
                    .when(new RemoveTags(ID, LOCATION, List.of("hot", "never-there"), null))
                    .expectEvents(new OpportunityTagsChanged(ID, LOCATION, List.of("q3")))
                    .expectResultMessagePayload(3L);
        }

        @Test
        void ignoresRemovingTagsItDoesNotCarry() {
            fixture.given(anOpenOpportunity())
                    .when(new RemoveTags(ID, LOCATION, List.of("cold"), null))
                    .expectNoEvents();
        }

        @Test
        void rejectsTagsOfADeletedOpportunity() {
            fixture.given(aDeletedOpportunity())
                    .when(new AddTags(ID, LOCATION, List.of("q3"), null))
                    .expectNoEvents()
                    .expectException(refusal(NotFound.class, "opportunity-not-found"));
        }
    }
}
