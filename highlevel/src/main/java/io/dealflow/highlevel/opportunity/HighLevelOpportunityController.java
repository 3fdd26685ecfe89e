package io.dealflow.highlevel.opportunity;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dealflow.command.http.CommandSender;
import io.dealflow.highlevel.http.DoorCommands;
import io.dealflow.highlevel.http.HighLevelRefusal;
import io.dealflow.highlevel.http.LocationAccess;
import io.dealflow.query.axon.ReadModels;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

/**
 * HighLevel's opportunity endpoints at the root of the server ({@code /opportunities/...}).
 */
@RestController
class HighLevelOpportunityController {

    private final HighLevelOpportunities opportunities;
    private final HighLevelOpportunityReader reader;
    private final DoorCommands commands;
    private final LocationAccess access;

    HighLevelOpportunityController(HighLevelOpportunities opportunities, HighLevelOpportunityReader reader, DoorCommands commands,
                          LocationAccess access) {
        this.opportunities = opportunities;
        this.reader = reader;
        this.commands = commands;
        this.access = access;
    }

    @PostMapping({"/opportunities", "/opportunities/"})
    ResponseEntity<Map<String, HighLevelOpportunity>> create(@Valid @RequestBody CreateOpportunityRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("opportunity", opportunities.create(request)));
    }

    /** Reads what is projected; a {@code Consistency-Token} from a native command makes it wait for that command. */
    @GetMapping("/opportunities/{id}")
    Map<String, HighLevelOpportunity> get(@PathVariable String id,
                                          @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER,
                                                  required = false) String consistencyToken) {
        commands.awaitToken(consistencyToken, ReadModels.OPPORTUNITIES);
        HighLevelOpportunity opportunity = reader.find(id).orElseThrow(() -> HighLevelRefusal.notFound("Opportunity"));
        access.requireAccess(opportunity.locationId());
        return Map.of("opportunity", opportunity);
    }

    @PutMapping("/opportunities/{id}")
    Map<String, HighLevelOpportunity> update(@PathVariable String id,
                                             @Valid @RequestBody UpdateOpportunityRequest request) {
        return Map.of("opportunity", opportunities.update(id, request));
    }

    @PutMapping("/opportunities/{id}/status")
    Succeeded changeStatus(@PathVariable String id, @Valid @RequestBody UpdateStatusRequest request) {
        opportunities.changeStatus(id, request);
        return Succeeded.YES;
    }

    @DeleteMapping("/opportunities/{id}")
    Succeeded delete(@PathVariable String id) {
        opportunities.delete(id);
        return Succeeded.YES;
    }

    @PostMapping("/opportunities/upsert")
    UpsertAnswer upsert(@Valid @RequestBody UpsertOpportunityRequest request) {
        HighLevelOpportunities.Upserted upserted = opportunities.upsert(request);
        return new UpsertAnswer(upserted.opportunity(), upserted.created());
    }

    @PostMapping("/opportunities/{id}/followers")
    ResponseEntity<FollowersAdded> addFollowers(@PathVariable String id,
                                                @Valid @RequestBody FollowersRequest request) {
        if (request.followers() == null || request.followers().isEmpty()) {
            throw HighLevelRefusal.invalid("followers should not be empty");
        }
        HighLevelOpportunities.FollowersChange change = opportunities.addFollowers(id, request.followers());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new FollowersAdded(change.followers(), change.changed()));
    }

    @DeleteMapping("/opportunities/{id}/followers")
    FollowersRemoved removeFollowers(@PathVariable String id,
                                     @RequestParam(required = false, defaultValue = "false")
                                     boolean isRemoveAllFollowers,
                                     @Valid @RequestBody(required = false) FollowersRequest request) {
        List<String> followers = request == null || request.followers() == null ? List.of() : request.followers();
        if (followers.isEmpty() && !isRemoveAllFollowers) {
            throw HighLevelRefusal.invalid("followers should not be empty");
        }
        HighLevelOpportunities.FollowersChange change =
                opportunities.removeFollowers(id, followers, isRemoveAllFollowers);
        return new FollowersRemoved(change.followers(), change.changed());
    }

    /** Answer of the upsert: the opportunity, and whether it was created ({@code new}). */
    record UpsertAnswer(HighLevelOpportunity opportunity, @JsonProperty("new") boolean created) {
    }

    /** Answer of adding followers. */
    record FollowersAdded(List<String> followers, List<String> followersAdded) {
    }

    /** Answer of removing followers. */
    record FollowersRemoved(List<String> followers, List<String> followersRemoved) {
    }
}
