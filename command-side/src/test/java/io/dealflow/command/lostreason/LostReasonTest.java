package io.dealflow.command.lostreason;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.events.lostreason.LostReasonArchived;
import io.dealflow.events.lostreason.LostReasonCreated;
import io.dealflow.events.lostreason.LostReasonRenamed;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

class LostReasonTest {

    private static final String LOCATION = "loc-1";
    private static final String REASON = "reason-1";

    private AggregateTestFixture<LostReason> fixture;
    /** Names taken in the lookup, as {@code location/lower-case name}, and the reason holding each. */
    private final Map<String, String> takenNames = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LostReason.class);
        LostReasonNames names = (locationId, name, except) -> {
            String holder = takenNames.get(locationId + "/" + name.toLowerCase(Locale.ROOT));
            return holder != null && !holder.equals(except);
        };
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
        takenNames.put(LOCATION + "/too expensive", "reason-0");
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, "TOO EXPENSIVE"))
                .expectNoEvents()
                .expectException(RuleViolated.class)
                .expectExceptionMessage("the location already has a lost reason named TOO EXPENSIVE");
    }

    @Test
    void acceptsNameTakenInAnotherLocation() {
        takenNames.put("loc-2/too expensive", "reason-0");
        fixture.givenNoPriorActivity()
                .when(new CreateLostReason(REASON, LOCATION, "Too expensive"))
                .expectEvents(new LostReasonCreated(REASON, LOCATION, "Too expensive"));
    }

    @Test
    void renamesALostReason() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new RenameLostReason(REASON, LOCATION, " Price "))
                .expectEvents(new LostReasonRenamed(REASON, LOCATION, "Price"))
                .expectResultMessagePayload(2L);
    }

    @Test
    void ignoresARenameToTheSameName() {
        takenNames.put(LOCATION + "/too expensive", REASON);
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new RenameLostReason(REASON, LOCATION, "Too expensive"))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void renamesToItsOwnNameInOtherCase() {
        takenNames.put(LOCATION + "/too expensive", REASON);
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new RenameLostReason(REASON, LOCATION, "Too Expensive"))
                .expectEvents(new LostReasonRenamed(REASON, LOCATION, "Too Expensive"));
    }

    @Test
    void rejectsARenameToANameAnotherReasonHas() {
        takenNames.put(LOCATION + "/price", "reason-2");
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new RenameLostReason(REASON, LOCATION, "PRICE"))
                .expectNoEvents()
                .expectException(RuleViolated.class)
                .expectExceptionMessage("the location already has a lost reason named PRICE");
    }

    @Test
    void rejectsARenameToABlankName() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new RenameLostReason(REASON, LOCATION, " "))
                .expectNoEvents()
                .expectException(RuleViolated.class);
    }

    @Test
    void rejectsARenameOfAnArchivedReason() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"), new LostReasonArchived(REASON, LOCATION))
                .when(new RenameLostReason(REASON, LOCATION, "Price"))
                .expectNoEvents()
                .expectException(StateConflict.class);
    }

    @Test
    void rejectsARenameFromAnotherLocationAsNotFound() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new RenameLostReason(REASON, "loc-2", "Price"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }

    @Test
    void archivesALostReason() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new ArchiveLostReason(REASON, LOCATION))
                .expectEvents(new LostReasonArchived(REASON, LOCATION))
                .expectResultMessagePayload(2L);
    }

    @Test
    void ignoresArchivingAnArchivedReason() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"), new LostReasonArchived(REASON, LOCATION))
                .when(new ArchiveLostReason(REASON, LOCATION))
                .expectNoEvents()
                .expectResultMessagePayload(2L);
    }

    @Test
    void rejectsArchivingFromAnotherLocationAsNotFound() {
        fixture.given(new LostReasonCreated(REASON, LOCATION, "Too expensive"))
                .when(new ArchiveLostReason(REASON, "loc-2"))
                .expectNoEvents()
                .expectException(NotFound.class);
    }
}
