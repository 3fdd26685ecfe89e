package io.dealflow.webhooks.subscription;

import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code PATCH /webhooks/{id}}. A field left out stays as it is; a filter sent as {@code null} is cleared.
 *
 * <p>A class rather than a record: Jackson reads a missing and a {@code null} record component alike, so each setter
 * notes which fields the body actually named.
 */
final class UpdateSubscriptionRequest {

    private final Set<String> named = new HashSet<>();
    @Size(max = 2048)
    private String url;
    @Size(min = 1, max = 20)
    private List<@NotNull String> events;
    @Size(min = 1, max = 255)
    private String pipelineId;
    @Size(min = 1, max = 255)
    private String stageId;
    private String status;

    boolean names(String field) {
        return named.contains(field);
    }

    String url() {
        return url;
    }

    List<String> events() {
        return events;
    }

    String pipelineId() {
        return pipelineId;
    }

    String stageId() {
        return stageId;
    }

    String status() {
        return status;
    }

    @JsonSetter("url")
    void url(String value) {
        named.add("url");
        url = value;
    }

    @JsonSetter("events")
    void events(List<String> value) {
        named.add("events");
        events = value;
    }

    @JsonSetter("pipelineId")
    void pipelineId(String value) {
        named.add("pipelineId");
        pipelineId = value;
    }

    @JsonSetter("stageId")
    void stageId(String value) {
        named.add("stageId");
        stageId = value;
    }

    @JsonSetter("status")
    void status(String value) {
        named.add("status");
        status = value;
    }
}
