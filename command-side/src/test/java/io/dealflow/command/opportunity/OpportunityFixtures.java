package io.dealflow.command.opportunity;

import io.dealflow.command.customfield.CustomFieldType;
import io.dealflow.command.customfield.InMemoryCustomFieldDefinitions;
import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.lookup.LocationSettingsCatalog;
import io.dealflow.command.lookup.LostReasonCatalog;
import io.dealflow.command.lookup.OpportunityCatalog;
import io.dealflow.command.lookup.PipelineCatalog;
import io.dealflow.events.Contact;
import io.dealflow.events.opportunity.OpportunityCreated;
import io.dealflow.events.opportunity.OpportunityDeleted;
import io.dealflow.events.opportunity.OpportunityLost;
import io.dealflow.events.opportunity.OpportunityWon;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * Named starting points for {@link OpportunityTest}: one location with two pipelines and a lost reason, and the
 * events of opportunities in typical states.
 */
final class OpportunityFixtures {

    static final String LOCATION = "loc-1";
    static final String OTHER_LOCATION = "loc-2";
    static final String ID = "opp-1";
    static final String PIPELINE = "pipe-sales";
    static final String LEAD = "stage-lead";
    static final String QUALIFIED = "stage-qualified";
    static final String PROPOSAL = "stage-proposal";
    static final String OTHER_PIPELINE = "pipe-renewals";
    static final String RENEWAL_DUE = "stage-renewal-due";
    static final String LOST_REASON = "reason-price";
    static final String LOST_REASON_NAME = "Too expensive";
    static final String ARCHIVED_LOST_REASON = "reason-timing";
    static final Contact CONTACT = new Contact("c-1", "Ada Lovelace", "ada@example.com", "+44 20 0000", "Analytical");

    private OpportunityFixtures() {
    }

    /**
     * The lookups as the aggregate sees them: the location's two pipelines, its lost reason and an archived one, and
     * its custom field definitions ({@link #definitions()}); anything else
     * (another location, a removed stage, another open deal of the contact, a duplicate setting) is unknown. The real
     * lookups are covered by the HTTP tests on PostgreSQL.
     */
    record Catalogs(PipelineCatalog pipelines, OpportunityCatalog opportunities, LostReasonCatalog lostReasons,
                    LocationSettingsCatalog settings) {

        /** Registers every lookup as a resource the aggregate's handlers are given. */
        Catalogs registeredIn(FixtureConfiguration<Opportunity> fixture) {
            fixture.registerInjectableResource(pipelines);
            fixture.registerInjectableResource(opportunities);
            fixture.registerInjectableResource(lostReasons);
            fixture.registerInjectableResource(settings);
            fixture.registerInjectableResource(definitions());
            return this;
        }
    }

    static Catalogs catalogs() {
        PipelineCatalog pipelines = mock(PipelineCatalog.class);
        when(pipelines.stagesOf(LOCATION, PIPELINE)).thenReturn(Optional.of(List.of(LEAD, QUALIFIED, PROPOSAL)));
        when(pipelines.stagesOf(LOCATION, OTHER_PIPELINE)).thenReturn(Optional.of(List.of(RENEWAL_DUE)));
        LostReasonCatalog lostReasons = mock(LostReasonCatalog.class);
        when(lostReasons.lostReasonName(LOCATION, LOST_REASON)).thenReturn(Optional.of(LOST_REASON_NAME));
        when(lostReasons.lostReasonName(LOCATION, ARCHIVED_LOST_REASON)).thenReturn(Optional.of("Bad timing"));
        when(lostReasons.lostReasonArchived(LOCATION, ARCHIVED_LOST_REASON)).thenReturn(true);
        return new Catalogs(pipelines, mock(OpportunityCatalog.class), lostReasons,
                mock(LocationSettingsCatalog.class));
    }

    /**
     * The location's custom field definitions: a number {@code budget}, a date {@code closing}, a boolean {@code vip},
     * a select {@code fit} (good, poor) and a multiselect {@code channels} (mail, phone); other keys are free.
     */
    static InMemoryCustomFieldDefinitions definitions() {
        return new InMemoryCustomFieldDefinitions()
                .with(LOCATION, "budget", CustomFieldType.NUMBER)
                .with(LOCATION, "closing", CustomFieldType.DATE)
                .with(LOCATION, "vip", CustomFieldType.BOOLEAN)
                .with(LOCATION, "fit", CustomFieldType.SELECT, "good", "poor")
                .with(LOCATION, "channels", CustomFieldType.MULTISELECT, "mail", "phone");
    }

    static OpportunityCreated anOpenOpportunity() {
        return new OpportunityCreated(ID, LOCATION, "Big deal", PIPELINE, LEAD, new BigDecimal("1000.00"), "USD",
                CONTACT, "web", "user-1", List.of("user-2"), List.of("hot"), Map.of("region", "EMEA"));
    }

    static Object[] aWonOpportunity() {
        return new Object[]{anOpenOpportunity(), new OpportunityWon(ID, LOCATION)};
    }

    static Object[] aLostOpportunity() {
        return new Object[]{anOpenOpportunity(), new OpportunityLost(ID, LOCATION, LOST_REASON, LOST_REASON_NAME)};
    }

    static Object[] aDeletedOpportunity() {
        return new Object[]{anOpenOpportunity(), new OpportunityDeleted(ID, LOCATION)};
    }

    /** An edit of {@link #ID} that changes nothing yet. */
    static Edit edit() {
        return new Edit();
    }

    /** Matches a refusal of the given kind with the given stable code. */
    static <T extends CommandRefused> Matcher<T> refusal(Class<T> type, String code) {
        return new CustomTypeSafeMatcher<>(type.getSimpleName() + " with code " + code) {
            @Override
            protected boolean matchesSafely(T refused) {
                return type.isInstance(refused) && code.equals(refused.code());
            }
        };
    }

    /** Builds {@link EditOpportunity} commands without spelling out every facet. */
    static final class Edit {
        private String locationId = LOCATION;
        private Optional<String> name;
        private Optional<BigDecimal> monetaryValue;
        private Optional<String> currency;
        private Optional<Contact> contact;
        private Optional<String> source;
        private Optional<String> assignedTo;
        private Optional<List<String>> tags;
        private Optional<Map<String, Object>> customFields;
        private Long expectedVersion;

        Edit location(String value) {
            locationId = value;
            return this;
        }

        Edit name(String value) {
            name = Optional.ofNullable(value);
            return this;
        }

        Edit monetaryValue(String value) {
            monetaryValue = Optional.ofNullable(value).map(BigDecimal::new);
            return this;
        }

        Edit currency(String value) {
            currency = Optional.ofNullable(value);
            return this;
        }

        Edit contact(Contact value) {
            contact = Optional.ofNullable(value);
            return this;
        }

        Edit source(String value) {
            source = Optional.ofNullable(value);
            return this;
        }

        Edit assignedTo(String value) {
            assignedTo = Optional.ofNullable(value);
            return this;
        }

        Edit tags(List<String> value) {
            tags = Optional.ofNullable(value);
            return this;
        }

        Edit customFields(Map<String, Object> value) {
            customFields = Optional.ofNullable(value);
            return this;
        }

        Edit expectedVersion(long value) {
            expectedVersion = value;
            return this;
        }

        EditOpportunity build() {
            return new EditOpportunity(ID, locationId, name, monetaryValue, currency, contact, source, assignedTo,
                    tags, customFields, expectedVersion);
        }
    }
}
