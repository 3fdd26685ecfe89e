package io.dealflow.command.customfield;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Rename a custom field or change its options; each null when left as it is.
 */
record ChangeCustomField(@TargetAggregateIdentifier String customFieldId, String locationId, String name,
                                List<String> options) {
}
