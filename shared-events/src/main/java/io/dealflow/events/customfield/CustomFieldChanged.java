package io.dealflow.events.customfield;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * A custom field definition got a new name or new options (its key and type never change). Carries both, as they
 * are now.
 * <p>Revision 1: first shape.
 *
 * @param options the allowed values of a {@code select} or {@code multiselect} field; empty for the other types
 */
@Revision("1")
public record CustomFieldChanged(String customFieldId, String locationId, String key, String name, List<String> options) {
}
