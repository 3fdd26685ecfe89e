package io.dealflow.query.workspace;

import java.time.Instant;

/**
 * A note of a deal as the note list shows it.
 *
 * @param createdBy the user the client acted for when it was written, else the API key; null when unknown
 */
record NoteView(String id, String body, Instant createdAt, String createdBy, Instant updatedAt) {
}
