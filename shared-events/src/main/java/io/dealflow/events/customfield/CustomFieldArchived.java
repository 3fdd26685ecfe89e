package io.dealflow.events.customfield;

import org.axonframework.serialization.Revision;

/**
 * A custom field definition was archived: values under its key are no longer checked; the values deals hold stay.
 * <p>Revision 1: first shape.
 */
@Revision("1")
public record CustomFieldArchived(String customFieldId, String locationId, String key) {
}
