package io.dealflow.command.customfield;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code PATCH /custom-fields/{key}}: a new name, new options, or both; a field left out stays as it is.
 */
record ChangeCustomFieldRequest(@Size(min = 1, max = CustomField.MAX_NAME_LENGTH) String name,
                                @Size(max = CustomField.MAX_OPTIONS) List<@NotBlank @Size(max = 255) String> options) {
}
