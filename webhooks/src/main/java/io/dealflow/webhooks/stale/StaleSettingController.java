package io.dealflow.webhooks.stale;

import io.dealflow.webhooks.http.Locations;
import io.dealflow.webhooks.http.WebhookNotFound;
import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;

import java.time.Clock;
import java.time.Instant;

/**
 * The stale trigger's settings per pipeline: {@code /api/v1/locations/{locationId}/webhooks/stale-settings}. With a
 * setting of N days, an open opportunity of that pipeline whose stage has not changed for N days is reported once as
 * {@code OpportunityWentStale}; a stage change arms the trigger again.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/webhooks/stale-settings")
class StaleSettingController {

    private static final int MAX_ID_LENGTH = 255;

    private final StaleSettings settings;
    private final Clock clock;

    StaleSettingController(StaleSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @GetMapping
    StaleSettingList list(@PathVariable String locationId) {
        return new StaleSettingList(settings.list(Locations.checked(locationId)));
    }

    @GetMapping("/{pipelineId}")
    StaleSetting get(@PathVariable String locationId, @PathVariable String pipelineId) {
        return settings.find(Locations.checked(locationId), pipelineId).orElseThrow(() -> notFound(pipelineId));
    }

    /** Sets (or replaces) the pipeline's setting; opportunities already past the new period are reported soon. */
    @PutMapping("/{pipelineId}")
    StaleSetting put(@PathVariable String locationId, @PathVariable String pipelineId,
                     @Valid @RequestBody StaleSettingRequest request) {
        String location = Locations.checked(locationId);
        if (pipelineId.length() > MAX_ID_LENGTH) {
            throw new ServerWebInputException("pipelineId is longer than " + MAX_ID_LENGTH + " characters");
        }
        Instant now = clock.instant();
        settings.save(location, pipelineId, request.staleAfterDays(), now);
        return new StaleSetting(pipelineId, request.staleAfterDays(), now);
    }

    @DeleteMapping("/{pipelineId}")
    ResponseEntity<Void> delete(@PathVariable String locationId, @PathVariable String pipelineId) {
        if (!settings.delete(Locations.checked(locationId), pipelineId)) {
            throw notFound(pipelineId);
        }
        return ResponseEntity.noContent().build();
    }

    private static WebhookNotFound notFound(String pipelineId) {
        return new WebhookNotFound("no stale setting for pipeline " + pipelineId + " in this location");
    }
}
