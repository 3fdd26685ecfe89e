package io.dealflow.command.customfield;

import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.events.customfield.CustomFieldArchived;
import io.dealflow.events.customfield.CustomFieldChanged;
import io.dealflow.events.customfield.CustomFieldDefined;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

class CustomFieldTest {

    private static final String LOCATION = "loc-1";
    private static final String ID = CustomField.idOf(LOCATION, "budget");
    private static final String STAGE_ID = CustomField.idOf(LOCATION, "fit");

    private AggregateTestFixture<CustomField> fixture;
    private final InMemoryCustomFieldDefinitions definitions = new InMemoryCustomFieldDefinitions();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CustomField.class);
        fixture.registerInjectableResource(definitions);
    }

    private static <T extends CommandRefused> Matcher<T> refusal(Class<T> type, String code) {
        return new CustomTypeSafeMatcher<>(type.getSimpleName() + " with code " + code) {
            @Override
            protected boolean matchesSafely(T refused) {
                return type.isInstance(refused) && code.equals(refused.code());
            }
        };
    }

    private static CustomFieldDefined aSelectField() {
        return new CustomFieldDefined(STAGE_ID, LOCATION, "fit", "Fit", "select", List.of("good", "poor"));
    }

    @Test
    void definesANumberField() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(ID, LOCATION, "budget", " Budget ", "number", null))
                .expectEvents(new CustomFieldDefined(ID, LOCATION, "budget", "Budget", "number", List.of()));
    }

    @Test
    void definesASelectFieldWithTrimmedOptions() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(STAGE_ID, LOCATION, "fit", "Fit", "select", List.of(" good", "poor ")))
                .expectEvents(aSelectField());
    }

    @Test
    void rejectsAKeyOutsideThePattern() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(ID, LOCATION, "Budget", "Budget", "number", null))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-key"));
    }

    @Test
    void rejectsAnUnknownType() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(ID, LOCATION, "budget", "Budget", "money", null))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-type"));
    }

    @Test
    void rejectsABlankName() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(ID, LOCATION, "budget", " ", "number", null))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-name"));
    }

    @Test
    void rejectsOptionsOnANumberField() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(ID, LOCATION, "budget", "Budget", "number", List.of("1")))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-options"));
    }

    @Test
    void rejectsASelectFieldWithoutOptions() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(STAGE_ID, LOCATION, "fit", "Fit", "multiselect", List.of()))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-options"));
    }

    @Test
    void rejectsAnOptionGivenTwice() {
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(STAGE_ID, LOCATION, "fit", "Fit", "select", List.of("good", " good")))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-options"));
    }

    @Test
    void rejectsAKeyTheLocationDefinedBeforeEvenIfArchived() {
        definitions.archived(LOCATION, "budget");
        fixture.givenNoPriorActivity()
                .when(new DefineCustomField(ID, LOCATION, "budget", "Budget", "number", null))
                .expectNoEvents()
                .expectException(refusal(StateConflict.class, "duplicate-custom-field"));
    }

    @Test
    void renamesAndChangesOptions() {
        fixture.given(aSelectField())
                .when(new ChangeCustomField(STAGE_ID, LOCATION, "Fit score", List.of("good", "fair", "poor")))
                .expectEvents(new CustomFieldChanged(STAGE_ID, LOCATION, "fit", "Fit score",
                        List.of("good", "fair", "poor")))
                .expectResultMessagePayload(2L);
    }

    @Test
    void ignoresAChangeThatKeepsNameAndOptions() {
        fixture.given(aSelectField())
                .when(new ChangeCustomField(STAGE_ID, LOCATION, "Fit", null))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void rejectsOptionsForANumberField() {
        fixture.given(new CustomFieldDefined(ID, LOCATION, "budget", "Budget", "number", List.of()))
                .when(new ChangeCustomField(ID, LOCATION, null, List.of("a")))
                .expectNoEvents()
                .expectException(refusal(RuleViolated.class, "invalid-options"));
    }

    @Test
    void rejectsAChangeOfAnArchivedField() {
        fixture.given(aSelectField(), new CustomFieldArchived(STAGE_ID, LOCATION, "fit"))
                .when(new ChangeCustomField(STAGE_ID, LOCATION, "Fit score", null))
                .expectNoEvents()
                .expectException(refusal(StateConflict.class, "custom-field-archived"));
    }

    @Test
    void rejectsAChangeFromAnotherLocationAsNotFound() {
        fixture.given(aSelectField())
                .when(new ChangeCustomField(STAGE_ID, "loc-2", "Fit score", null))
                .expectNoEvents()
                .expectException(refusal(NotFound.class, "custom-field-not-found"));
    }

    @Test
    void archivesAFieldOnce() {
        fixture.given(aSelectField())
                .when(new ArchiveCustomField(STAGE_ID, LOCATION))
                .expectEvents(new CustomFieldArchived(STAGE_ID, LOCATION, "fit"));
    }

    @Test
    void ignoresArchivingAnArchivedField() {
        fixture.given(aSelectField(), new CustomFieldArchived(STAGE_ID, LOCATION, "fit"))
                .when(new ArchiveCustomField(STAGE_ID, LOCATION))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }
}
