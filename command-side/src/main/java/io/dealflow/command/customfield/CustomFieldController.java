package io.dealflow.command.customfield;

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

/**
 * The custom field commands over HTTP: define (201, the key is the field's id in paths), change, archive.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/custom-fields")
class CustomFieldController {

    private final CommandSender sender;

    CustomFieldController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    ResponseEntity<CommandAnswer> define(@PathVariable String locationId,
                                         @Valid @RequestBody DefineCustomFieldRequest request) {
        String location = LocationId.checked(locationId);
        return sender.create(request.key(), new DefineCustomField(CustomField.idOf(location, request.key()), location,
                request.key(), request.name(), request.type(), request.options()));
    }

    @PatchMapping("/{key}")
    ResponseEntity<CommandAnswer> change(@PathVariable String locationId, @PathVariable String key,
                                         @Valid @RequestBody ChangeCustomFieldRequest request) {
        String location = LocationId.checked(locationId);
        return sender.update(key, new ChangeCustomField(CustomField.idOf(location, key), location, request.name(),
                request.options()));
    }

    @DeleteMapping("/{key}")
    ResponseEntity<CommandAnswer> archive(@PathVariable String locationId, @PathVariable String key) {
        String location = LocationId.checked(locationId);
        return sender.update(key, new ArchiveCustomField(CustomField.idOf(location, key), location));
    }
}
