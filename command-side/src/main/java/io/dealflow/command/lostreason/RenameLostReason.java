package io.dealflow.command.lostreason;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Give a lost reason a new name. Deals already lost with it keep the name they were lost with.
 */
record RenameLostReason(@TargetAggregateIdentifier String lostReasonId, String locationId, String name) {
}
