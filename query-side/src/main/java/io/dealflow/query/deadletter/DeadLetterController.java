package io.dealflow.query.deadletter;

import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.http.ResourceNotFound;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operators' handling of parked events: list a projection's dead letters, retry them after a fix. */
@RestController
@Tag(name = "Operations")
class DeadLetterController {

    /** Most dead letters one listing shows; the projections view gives the full count. */
    static final int LIST_LIMIT = 500;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping("/api/v1/admin/projections/{name}/dead-letters")
    @Operation(summary = "Events the projection could not apply, oldest first, each with its error (at most 500)")
    DeadLetterList list(@PathVariable String name) {
        known(name);
        return new DeadLetterList(name, deadLetters.counts().get(name), deadLetters.list(name, LIST_LIMIT));
    }

    @PostMapping("/api/v1/admin/projections/{name}/dead-letters/retry")
    @Operation(summary = "Apply the projection's parked events again, deal by deal; those that still fail stay parked")
    DeadLetters.RetryOutcome retry(@PathVariable String name) {
        known(name);
        return deadLetters.retry(name);
    }

    private static void known(String name) {
        if (!ReadModels.ALL.contains(name)) {
            throw new ResourceNotFound("projection", name);
        }
    }

    /** A projection's parked events: how many in all, and the first of them. */
    record DeadLetterList(String projection, long total, List<DeadLetters.DeadLetter> items) {
    }
}
