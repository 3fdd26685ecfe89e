package io.dealflow.command.opportunity;

import java.util.Locale;

/**
 * Where a deal stands: open, or closed as won, lost or abandoned. Independent of its stage.
 */
enum OpportunityStatus {
    OPEN, WON, LOST, ABANDONED;

    /** The lowercase name events and the HTTP API use, e.g. {@code won}. */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
