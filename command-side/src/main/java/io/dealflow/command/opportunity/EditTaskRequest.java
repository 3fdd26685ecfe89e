package io.dealflow.command.opportunity;

import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/**
 * Body of {@code PATCH /opportunities/{id}/tasks/{taskId}}. A field left out stays as it is; {@code dueAt} and
 * {@code assignedTo} sent as {@code null} are cleared (a null title is refused by the aggregate).
 *
 * <p>A class rather than a record, as {@link EditOpportunityRequest}: its setters note in {@link NamedFields} which
 * fields the body named.
 */
final class EditTaskRequest {

    private final NamedFields named = new NamedFields();
    @Size(max = 255)
    private String title;
    private Instant dueAt;
    @Size(max = 255)
    private String assignedTo;

    EditTask toCommand(String opportunityId, String locationId, String taskId, Long expectedVersion) {
        return new EditTask(opportunityId, locationId, taskId, named.facet("title", title),
                named.facet("dueAt", dueAt), named.facet("assignedTo", assignedTo), expectedVersion);
    }

    @JsonSetter("title")
    void title(String value) {
        title = named.noted("title", value);
    }

    @JsonSetter("dueAt")
    void dueAt(Instant value) {
        dueAt = named.noted("dueAt", value);
    }

    @JsonSetter("assignedTo")
    void assignedTo(String value) {
        assignedTo = named.noted("assignedTo", value);
    }
}
