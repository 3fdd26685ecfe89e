package io.dealflow.command.lostreason;

import io.dealflow.command.errors.RuleViolated;
import io.dealflow.events.lostreason.LostReasonCreated;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

class LostReasonTest {

    private static final String LOCATION = "loc-1";
    private static final String REASON = "reason-1";

    private AggregateTestFixture<LostReason> fixture;
    /** Names taken in the lookup, as {@code location/lower-case name}. */
    private final Set<String> takenNames = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LostReason.class);
        LostReasonNames names = (locationId, name) ->
                takenNames.contains(locationId + "/" + name.toLowerCase(Locale.ROOT));
        fixture.registerInjectableResource(names);
    }

    @Test
    void createsLostReasonWithTrimmedName() {
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, "  Too expensive "))
                .expectEvents(new LostReasonCreated(REASON, LOCATION, "Too expensive"));
    }

    @Test
    void rejectsBlankName() {
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, " \t "))
                .expectNoEvents()
                .expectException(RuleViolated.class)
                .expectExceptionMessage("name must not be blank");
    }

    @Test
    void rejectsMissingName() {
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, null))
                .expectNoEvents()
                .expectException(RuleViolated.class);
    }

    @Test
    void rejectsNameOver255Characters() {
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, "x".repeat(256)))
                .expectNoEvents()
                .expectException(RuleViolated.class)
                .expectExceptionMessage("name must be at most 255 characters");
    }

    @Test
    void rejectsNameTakenInTheLocationIgnoringCase() {
        takenNames.add(LOCATION + "/too expensive");
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, "TOO EXPENSIVE"))
                .expectNoEvents()
                .expectException(RuleViolated.class)
                .expectExceptionMessage("the location already has a lost reason named TOO EXPENSIVE");
    }

    @Test
    void acceptsNameTakenInAnotherLocation() {
        takenNames.add("loc-2/too expensive");
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, "Too expensive"))
                .expectEvents(new LostReasonCreated(REASON, LOCATION, "Too expensive"));
    }
}
