package io.dealflow.webhooks.subscription;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a delivery reports. The names are HighLevel's, so receivers written for HighLevel keep working;
 * {@link #OpportunityWentStale} is dealflow's own trigger, and {@link #TaskUpdate} and {@link #TaskReopen} are
 * dealflow's own names for task changes HighLevel does not report. Note and task deliveries carry the note or task
 * beside the opportunity it belongs to.
 */
public enum WebhookEventType {
    OpportunityCreate,
    OpportunityStageUpdate,
    OpportunityStatusUpdate,
    OpportunityMonetaryValueUpdate,
    OpportunityAssignedToUpdate,
    OpportunityUpdate,
    OpportunityDelete,
    OpportunityWentStale,
    NoteCreate,
    NoteUpdate,
    NoteDelete,
    TaskCreate,
    TaskUpdate,
    TaskComplete,
    TaskReopen,
    TaskDelete;

    /** The type of that name, if there is one (names are case-sensitive, as receivers compare them). */
    public static Optional<WebhookEventType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    /** Whether deliveries of this type carry the opportunity's {@code previous} stage, status, value and owner. */
    public boolean carriesPrevious() {
        return this == OpportunityStageUpdate || this == OpportunityStatusUpdate
                || this == OpportunityMonetaryValueUpdate || this == OpportunityAssignedToUpdate;
    }
}
