package io.dealflow.command.opportunity;

import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.lookup.LocationSettingsCatalog;
import io.dealflow.command.lookup.OpportunityCatalog;
import io.dealflow.events.Contact;
import io.dealflow.events.EventMetadata;
import io.dealflow.events.opportunity.OpportunityReopened;
import io.dealflow.events.opportunity.OpportunityStageMoved;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.dealflow.command.opportunity.OpportunityFixtures.CONTACT;
import static io.dealflow.command.opportunity.OpportunityFixtures.ID;
import static io.dealflow.command.opportunity.OpportunityFixtures.LEAD;
import static io.dealflow.command.opportunity.OpportunityFixtures.LOCATION;
import static io.dealflow.command.opportunity.OpportunityFixtures.OTHER_PIPELINE;
import static io.dealflow.command.opportunity.OpportunityFixtures.PIPELINE;
import static io.dealflow.command.opportunity.OpportunityFixtures.QUALIFIED;
import static io.dealflow.command.opportunity.OpportunityFixtures.RENEWAL_DUE;
import static io.dealflow.command.opportunity.OpportunityFixtures.aWonOpportunity;
import static io.dealflow.command.opportunity.OpportunityFixtures.anOpenOpportunity;
import static io.dealflow.command.opportunity.OpportunityFixtures.refusal;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The rule behind HighLevel's {@code allowDuplicateOpportunity}: where duplicates are not allowed, a contact has at
 * most one open opportunity per pipeline. Unset, the HighLevel door refuses duplicates and the native door allows them.
 */
class DuplicateOpportunityTest {

    private static final String EXISTING = "opp-existing";
    private static final Map<String, String> HIGHLEVEL = Map.of(EventMetadata.DOOR, EventMetadata.HIGHLEVEL_DOOR);
    private static final Map<String, String> NATIVE = Map.of(EventMetadata.DOOR, EventMetadata.NATIVE_DOOR);

    private FixtureConfiguration<Opportunity> fixture;
    private OpportunityCatalog opportunities;
    private LocationSettingsCatalog settings;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Opportunity.class);
        OpportunityFixtures.Catalogs catalogs = OpportunityFixtures.catalogs().registeredIn(fixture);
        opportunities = catalogs.opportunities();
        settings = catalogs.settings();
    }

    private void contactHasOpenDealIn(String pipelineId) {
        when(opportunities.lockOtherOpenOpportunityOfContact(LOCATION, pipelineId, CONTACT.id(), ID))
                .thenReturn(Optional.of(EXISTING));
    }

    private void locationAllowsDuplicates(boolean allowed) {
        when(settings.allowDuplicateOpportunity(LOCATION)).thenReturn(Optional.of(allowed));
    }

    private static CreateOpportunity createFor(Contact contact) {
        return new CreateOpportunity(ID, LOCATION, "Big deal", PIPELINE, null, new BigDecimal("1000.00"), null,
                contact, "web", "user-1", List.of("user-2"), List.of("hot"), Map.of("region", "EMEA"));
    }

    @Nested
    class OnCreate {

        @Test
        void highLevelDoorRefusesASecondOpenDealOfTheContactByDefault() {
            contactHasOpenDealIn(PIPELINE);
            fixture.givenNoPriorActivity()
                    .when(createFor(CONTACT), HIGHLEVEL)
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-opportunity"))
                    .expectExceptionMessage(containsString(EXISTING));
        }

        @Test
        void nativeDoorAllowsASecondOpenDealOfTheContactByDefault() {
            contactHasOpenDealIn(PIPELINE);
            fixture.givenNoPriorActivity()
                    .when(createFor(CONTACT), NATIVE)
                    .expectEvents(anOpenOpportunity());
            verify(opportunities, never()).lockOtherOpenOpportunityOfContact(anyString(), anyString(), anyString(), any());
        }

        @Test
        void nativeDoorRefusesADuplicateWhereTheLocationForbidsThem() {
            contactHasOpenDealIn(PIPELINE);
            locationAllowsDuplicates(false);
            fixture.givenNoPriorActivity()
                    .when(createFor(CONTACT), NATIVE)
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-opportunity"));
        }

        @Test
        void highLevelDoorAllowsADuplicateWhereTheLocationAllowsThem() {
            contactHasOpenDealIn(PIPELINE);
            locationAllowsDuplicates(true);
            fixture.givenNoPriorActivity()
                    .when(createFor(CONTACT), HIGHLEVEL)
                    .expectEvents(anOpenOpportunity());
        }

        @Test
        void createsTheFirstOpenDealOfTheContact() {
            locationAllowsDuplicates(false);
            fixture.givenNoPriorActivity()
                    .when(createFor(CONTACT), HIGHLEVEL)
                    .expectEvents(anOpenOpportunity());
            verify(opportunities).lockOtherOpenOpportunityOfContact(LOCATION, PIPELINE, CONTACT.id(), ID);
        }

        @Test
        void neverCountsADealWithoutContactIdAsADuplicate() {
            locationAllowsDuplicates(false);
            var nameOnly = new Contact(null, "Ada Lovelace", null, null, null);
            fixture.givenNoPriorActivity()
                    .when(createFor(nameOnly), HIGHLEVEL)
                    .expectSuccessfulHandlerExecution();
            verify(opportunities, never()).lockOtherOpenOpportunityOfContact(anyString(), anyString(), anyString(), any());
        }
    }

    @Nested
    class OnMoveStage {

        @Test
        void refusesMovingAnOpenDealIntoAPipelineWhereTheContactHasOne() {
            contactHasOpenDealIn(OTHER_PIPELINE);
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, RENEWAL_DUE, OTHER_PIPELINE, null), HIGHLEVEL)
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-opportunity"));
        }

        @Test
        void movesWithinItsPipelineWithoutAsking() {
            locationAllowsDuplicates(false);
            fixture.given(anOpenOpportunity())
                    .when(new MoveStage(ID, LOCATION, QUALIFIED, null, null), HIGHLEVEL)
                    .expectEvents(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, PIPELINE, QUALIFIED));
            verify(opportunities, never()).lockOtherOpenOpportunityOfContact(anyString(), anyString(), anyString(), any());
        }

        @Test
        void movesAClosedDealIntoAPipelineWhereTheContactHasAnOpenOne() {
            contactHasOpenDealIn(OTHER_PIPELINE);
            fixture.given(aWonOpportunity())
                    .when(new MoveStage(ID, LOCATION, RENEWAL_DUE, OTHER_PIPELINE, null), HIGHLEVEL)
                    .expectEvents(new OpportunityStageMoved(ID, LOCATION, PIPELINE, LEAD, OTHER_PIPELINE,
                            RENEWAL_DUE));
        }
    }

    @Nested
    class OnReopen {

        @Test
        void refusesReopeningWhileTheContactHasAnotherOpenDealInThePipeline() {
            contactHasOpenDealIn(PIPELINE);
            fixture.given(aWonOpportunity())
                    .when(new Reopen(ID, LOCATION, null, null), HIGHLEVEL)
                    .expectNoEvents()
                    .expectException(refusal(RuleViolated.class, "duplicate-opportunity"));
        }

        @Test
        void reopensWhereTheLocationAllowsDuplicates() {
            contactHasOpenDealIn(PIPELINE);
            locationAllowsDuplicates(true);
            fixture.given(aWonOpportunity())
                    .when(new Reopen(ID, LOCATION, null, null), HIGHLEVEL)
                    .expectEvents(new OpportunityReopened(ID, LOCATION, "won"));
        }
    }
}
