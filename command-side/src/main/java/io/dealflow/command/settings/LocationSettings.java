package io.dealflow.command.settings;

import java.time.Instant;

/**
 * The settings of a location as stored.
 *
 * @param allowDuplicateOpportunity whether a contact may have several open opportunities in one pipeline; null when
 *                                  never set (the HighLevel door then refuses duplicates, the native door allows them)
 * @param updatedAt                 when they were last changed; null when never set
 * @param updatedBy                 the actor (API key id) that last changed them; null when never set
 */
record LocationSettings(String locationId, Boolean allowDuplicateOpportunity, Instant updatedAt, String updatedBy) {
}
