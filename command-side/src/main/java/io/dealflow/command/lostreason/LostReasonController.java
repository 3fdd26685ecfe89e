package io.dealflow.command.lostreason;

import io.dealflow.command.http.CommandAnswer;
import io.dealflow.command.http.CommandSender;
import io.dealflow.http.LocationId;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The lost reason commands over HTTP: create, rename, archive.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/lost-reasons")
class LostReasonController {

    private final CommandSender sender;

    LostReasonController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CommandAnswer> create(@PathVariable String locationId,
                                         @Valid @RequestBody CreateLostReasonRequest request) {
        String lostReasonId = UUID.randomUUID().toString();
        return sender.create(lostReasonId, new CreateLostReason(lostReasonId, LocationId.checked(locationId), request.name()));
    }

    @PatchMapping("/{lostReasonId}")
    ResponseEntity<CommandAnswer> rename(@PathVariable String locationId, @PathVariable String lostReasonId,
                                         @Valid @RequestBody RenameLostReasonRequest request) {
        return sender.update(lostReasonId,
                new RenameLostReason(lostReasonId, LocationId.checked(locationId), request.name()));
    }

    @DeleteMapping("/{lostReasonId}")
    ResponseEntity<CommandAnswer> archive(@PathVariable String locationId, @PathVariable String lostReasonId) {
        return sender.update(lostReasonId, new ArchiveLostReason(lostReasonId, LocationId.checked(locationId)));
    }
}
