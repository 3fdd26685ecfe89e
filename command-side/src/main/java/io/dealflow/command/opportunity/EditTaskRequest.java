package io.dealflow.command.opportunity;

import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Body of {@code PATCH /opportunities/{id}/tasks/{taskId}}. A field left out stays as it is; {@code dueAt} and
 * {@code assignedTo} sent as {@code null} are cleared (a null title is refused by the aggregate).
 *
 * <p>A class rather than a record for the same reason as {@link EditOpportunityRequest}: it notes which fields the
 * body named.
 */
final class EditTaskRequest {

    private final Set<String> named = new HashSet<>();
    @Size(max = 255)
    private String title;
    private Instant dueAt;
    @Size(max = 255)
    private String assignedTo;

    EditTask toCommand(String opportunityId, String locationId, String taskId, Long expectedVersion) {
        return new EditTask(opportunityId, locationId, taskId, facet("title", title), facet("dueAt", dueAt),
                facet("assignedTo", assignedTo), expectedVersion);
    }

    /** Null when the body did not name the field, otherwise its value (empty when sent as null). */
    @SuppressWarnings("OptionalAssignedToNull")
    private <T> Optional<T> facet(String field, T value) {
        return named.contains(field) ? Optional.ofNullable(value) : null;
    }

    @JsonSetter("title")
    void title(String value) {
        named.add("title");
        title = value;
    }

    @JsonSetter("dueAt")
    void dueAt(Instant value) {
        named.add("dueAt");
        dueAt = value;
    }

    @JsonSetter("assignedTo")
    void assignedTo(String value) {
        named.add("assignedTo");
        assignedTo = value;
    }
}
