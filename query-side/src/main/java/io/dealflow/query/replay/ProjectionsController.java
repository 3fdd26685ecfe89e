package io.dealflow.query.replay;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.axon.StoredEvents;
import io.dealflow.query.deadletter.DeadLetters;
import io.dealflow.query.http.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.serialization.Serializer;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Operators' view of the projections: how far each processor is behind the event store, and rebuilds from it.
 */
@RestController
@Tag(name = "Operations")
class ProjectionsController {

    /** Parked events shown per projection here; the dead-letters endpoint lists more. */
    private static final int DEAD_LETTERS_SHOWN = 10;

    private final ProjectionRebuilds rebuilds;
    private final StoredEvents events;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final DeadLetters deadLetters;

    ProjectionsController(ProjectionRebuilds rebuilds, StoredEvents events, JdbcTemplate jdbc,
                          Serializer serializer, DeadLetters deadLetters) {
        this.rebuilds = rebuilds;
        this.events = events;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/admin/projections")
    @Operation(summary = "Every projection's position, the store's head, the lag between them, and any rebuild")
    List<ProjectionView> projections() {
        long head = events.head();
        Map<String, Long> parked = deadLetters.counts();
        return ReadModels.ALL.stream().map(name -> {
            long position = Math.max(0, LiveTokens.read(jdbc, serializer, name).position());
            RebuildStatus rebuild = rebuilds.status(name);
            long parkedHere = parked.get(name);
            return new ProjectionView(name, position, head, Math.max(0, head - position),
                    rebuild != null && rebuild.running(), rebuild == null ? null : RebuildView.of(rebuild),
                    parkedHere, parkedHere == 0 ? List.of() : deadLetters.list(name, DEAD_LETTERS_SHOWN));
        }).toList();
    }

    @PostMapping("/api/v1/admin/projections/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild a projection from the event store into fresh tables, then switch atomically",
            description = "The current tables keep answering until the switch. While a rebuild of the projection"
                    + " runs, asking again answers that run.")
    RebuildView rebuild(@PathVariable String name) {
        if (!ReadModels.ALL.contains(name)) {
            throw new ResourceNotFound("projection", name);
        }
        return RebuildView.of(rebuilds.start(name));
    }

    /**
     * One projection's progress.
     *
     * @param position     global index up to which its processor has handled every event (lowest segment)
     * @param headPosition the event store's highest global index
     */
    record ProjectionView(String name, long position, long headPosition, long lag, boolean replaying,
                          @Schema(nullable = true, description = "The last rebuild on this instance, if any")
                          RebuildView rebuild,
                          @Schema(description = "Events parked because the projection could not apply them")
                          long deadLetterCount,
                          @Schema(description = "The first parked events with their errors; all of them at"
                                  + " /api/v1/admin/projections/{name}/dead-letters")
                          List<DeadLetters.DeadLetter> deadLetters) {
    }

    /**
     * A rebuild's state.
     *
     * @param state    {@code running}, {@code done} or {@code failed}
     * @param position global index of the last event it replayed
     */
    record RebuildView(String projection, String state, long position, long events, Instant startedAt,
                       Instant finishedAt, String error) {

        static RebuildView of(RebuildStatus status) {
            String state = status.running() ? "running" : status.succeeded() ? "done" : "failed";
            return new RebuildView(status.projection(), state, status.position(), status.events(),
                    status.startedAt(), status.finishedAt(), status.error());
        }
    }
}
