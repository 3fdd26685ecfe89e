package io.dealflow.events;

/**
 * Why an opportunity was lost, as the user gave it: a lost reason of the location, free text, or both.
 *
 * @param lostReasonId id of a lost reason of the location, may be null
 * @param text         free-text reason, or the lost reason's name at the time; may be null
 */
public record LossReason(String lostReasonId, String text) {

    /** The reason of these parts, or null when neither is given. */
    public static LossReason of(String lostReasonId, String text) {
        return lostReasonId == null && text == null ? null : new LossReason(lostReasonId, text);
    }
}
