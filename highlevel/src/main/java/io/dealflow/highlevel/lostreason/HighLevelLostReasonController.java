package io.dealflow.highlevel.lostreason;

import io.dealflow.command.http.CommandSender;
import io.dealflow.highlevel.http.DoorCommands;
import io.dealflow.highlevel.http.HighLevelRefusal;
import io.dealflow.highlevel.http.LocationAccess;
import io.dealflow.highlevel.http.Timestamps;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.lostreason.LostReasonReader;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /opportunities/lost-reason}: a location's lost reasons by name, filtered by {@code query} (part of the
 * name, ignoring case) and paged by {@code skip} and {@code limit}. Lost reasons are never changed after creation,
 * so {@code updatedAt} is their {@code createdAt}.
 */
@RestController
class HighLevelLostReasonController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final LostReasonReader lostReasons;
    private final LocationAccess access;
    private final DoorCommands commands;

    HighLevelLostReasonController(LostReasonReader lostReasons, LocationAccess access, DoorCommands commands) {
        this.lostReasons = lostReasons;
        this.access = access;
        this.commands = commands;
    }

    @GetMapping("/opportunities/lost-reason")
    LostReasons list(@RequestParam(required = false) String locationId,
                     @RequestParam(required = false) String query,
                     @RequestParam(required = false, defaultValue = "0") int skip,
                     @RequestParam(required = false, defaultValue = "" + DEFAULT_LIMIT) int limit,
                     @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER, required = false)
                     String consistencyToken) {
        String location = access.require(locationId, "locationId");
        List<String> problems = new ArrayList<>();
        if (skip < 0) {
            problems.add("skip must not be less than 0");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            problems.add("limit must be between 1 and " + MAX_LIMIT);
        }
        if (!problems.isEmpty()) {
            throw HighLevelRefusal.invalid(problems);
        }
        commands.awaitToken(consistencyToken, ReadModels.LOST_REASONS);
        List<LostReason> page = lostReasons.page(location, query, skip, limit).stream()
                .map(HighLevelLostReasonController::lostReason).toList();
        return new LostReasons(page, lostReasons.count(location, query));
    }

    private static LostReason lostReason(LostReasonReader.LostReason reason) {
        String createdAt = Timestamps.format(reason.createdAt());
        return new LostReason(reason.id(), reason.name(), reason.locationId(), createdAt, createdAt);
    }

    /** The answer: one page and the number of all matches. */
    record LostReasons(List<LostReason> lostReasons, long total) {
    }

    /** A lost reason as HighLevel shows it. */
    record LostReason(String id, String name, String locationId, String createdAt, String updatedAt) {
    }
}
