package io.dealflow.command.settings;

import io.dealflow.events.EventMetadata;
import io.dealflow.http.LocationId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A location's settings over HTTP: {@code GET} reads them, {@code PUT} replaces them. Changes are logged with their
 * actor, as they are not events.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/settings")
class LocationSettingsController {

    private static final Logger log = LoggerFactory.getLogger(LocationSettingsController.class);

    private final LocationSettingsRepository settings;

    LocationSettingsController(LocationSettingsRepository settings) {
        this.settings = settings;
    }

    @GetMapping
    LocationSettings read(@PathVariable String locationId) {
        return settings.find(LocationId.checked(locationId));
    }

    @PutMapping
    LocationSettings change(@PathVariable String locationId, @Valid @RequestBody ChangeLocationSettingsRequest request,
                            HttpServletRequest http) {
        String location = LocationId.checked(locationId);
        Object actor = http.getAttribute(EventMetadata.REQUEST_ATTRIBUTE_PREFIX + EventMetadata.ACTOR);
        String changedBy = actor == null ? EventMetadata.ANONYMOUS : actor.toString();
        settings.save(location, request.allowDuplicateOpportunity(), Instant.now().truncatedTo(ChronoUnit.MILLIS),
                changedBy);
        log.info("Location {} settings changed by {}: allowDuplicateOpportunity={}", location, changedBy,
                request.allowDuplicateOpportunity());
        return settings.find(location);
    }
}
