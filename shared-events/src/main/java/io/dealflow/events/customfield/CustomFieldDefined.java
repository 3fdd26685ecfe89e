package io.dealflow.events.customfield;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A location defined a custom field of its opportunities: from now on values under its key must be of its type.
 * <p>Revision 1: first shape.
 *
 * @param key     the key values are stored under in an opportunity's {@code customFields}: {@code [a-z][a-z0-9_]{0,63}}
 * @param type    {@code text}, {@code number}, {@code date}, {@code boolean}, {@code select} or {@code multiselect}
 * @param options the allowed values of a {@code select} or {@code multiselect} field; empty for the other types
 */
@Revision("1")
public record CustomFieldDefined(String customFieldId, String locationId, String key, String name, String type,
                                 List<String> options) {
}
