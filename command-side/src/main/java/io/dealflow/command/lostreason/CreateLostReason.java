package io.dealflow.command.lostreason;

/**
 * Create a lost reason for a location.
 *
 * @param lostReasonId new id, chosen by the caller
 */
record CreateLostReason(String lostReasonId, String locationId, String name) {
}
