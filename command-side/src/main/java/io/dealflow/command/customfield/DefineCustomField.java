package io.dealflow.command.customfield;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Define a custom field of a location's deals.
 *
 * @param customFieldId the aggregate id, {@link CustomField#idOf} of location and key
 * @param options       the allowed values of a select or multiselect field; null or empty for the other types
 */
record DefineCustomField(@TargetAggregateIdentifier String customFieldId, String locationId, String key,
                                String name, String type, List<String> options) {
}
