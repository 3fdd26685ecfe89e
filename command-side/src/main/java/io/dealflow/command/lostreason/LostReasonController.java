package io.dealflow.command.lostreason;

import io.dealflow.command.http.CommandAnswer;
import io.dealflow.command.http.CommandSender;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The lost reason commands over HTTP: create.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/lost-reasons")
class LostReasonController {

    private static final Pattern LOCATION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CommandSender sender;

    LostReasonController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CommandAnswer> create(@PathVariable String locationId,
                                         @Valid @RequestBody CreateLostReasonRequest request) {
        String lostReasonId = UUID.randomUUID().toString();
        return sender.create(lostReasonId, new CreateLostReason(lostReasonId, checked(locationId), request.name()));
    }

    /** A malformed location id is a malformed parameter: 400, like a malformed {@code If-Match}. */
    private static String checked(String locationId) {
        if (!LOCATION_ID.matcher(locationId).matches()) {
            throw new ServerWebInputException("locationId must be 1 to 64 letters, digits, '_' or '-'");
        }
        return locationId;
    }
}
