package io.dealflow.command.lostreason;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Archive a lost reason: new losses can no longer name it; deals lost with it keep showing it.
 */
record ArchiveLostReason(@TargetAggregateIdentifier String lostReasonId, String locationId) {
}
