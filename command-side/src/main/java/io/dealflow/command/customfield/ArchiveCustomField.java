package io.dealflow.command.customfield;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Archive a custom field: its values are no longer checked; the values deals hold stay.
 */
record ArchiveCustomField(@TargetAggregateIdentifier String customFieldId, String locationId) {
}
