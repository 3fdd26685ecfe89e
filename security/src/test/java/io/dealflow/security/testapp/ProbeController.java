package io.dealflow.security.testapp;

import io.dealflow.events.EventMetadata;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Probe endpoints under a location: they answer which actor the request carries and count the writes that reached
 * them, so tests can tell that refused requests changed nothing.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}")
public class ProbeController {

    private static final AtomicLong WRITES = new AtomicLong();

    /** Writes that reached a probe endpoint so far. */
    public static long writes() {
        return WRITES.get();
    }

    /** A body with known fields, for the strict-JSON tests; {@code details} takes any JSON. */
    record ProbeBody(String name, Object details) {
    }

    @GetMapping("/opportunities/{id}")
    Map<String, Object> opportunity(@PathVariable String locationId, @PathVariable String id,
                                    HttpServletRequest request) {
        return actor(request);
    }

    @PostMapping("/opportunities")
    ResponseEntity<Map<String, Object>> create(@PathVariable String locationId, @RequestBody ProbeBody body,
                                               HttpServletRequest request) {
        WRITES.incrementAndGet();
        return ResponseEntity.status(HttpStatus.CREATED).body(actor(request));
    }

    @PostMapping("/pipelines")
    ResponseEntity<Map<String, Object>> pipeline(@PathVariable String locationId, @RequestBody ProbeBody body) {
        WRITES.incrementAndGet();
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of());
    }

    @GetMapping("/lost-reasons")
    Map<String, Object> lostReasons(@PathVariable String locationId) {
        return Map.of();
    }

    @GetMapping("/reports/win-rate")
    Map<String, Object> winRate(@PathVariable String locationId) {
        return Map.of();
    }

    @GetMapping("/audit/events")
    Map<String, Object> audit(@PathVariable String locationId) {
        return Map.of();
    }

    @DeleteMapping("/webhooks/{id}")
    ResponseEntity<Void> webhook(@PathVariable String locationId, @PathVariable String id) {
        WRITES.incrementAndGet();
        return ResponseEntity.noContent().build();
    }

    private static Map<String, Object> actor(HttpServletRequest request) {
        Map<String, Object> answer = new HashMap<>();
        String prefix = EventMetadata.REQUEST_ATTRIBUTE_PREFIX;
        answer.put("actor", request.getAttribute(prefix + EventMetadata.ACTOR));
        answer.put("actorName", request.getAttribute(prefix + EventMetadata.ACTOR_NAME));
        return answer;
    }
}
