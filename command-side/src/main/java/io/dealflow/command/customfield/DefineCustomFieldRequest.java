package io.dealflow.command.customfield;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/**
 * Body of {@code POST /custom-fields}.
 */
record DefineCustomFieldRequest(@NotNull @Pattern(regexp = CustomField.KEY_PATTERN) String key,
                                @NotBlank @Size(max = CustomField.MAX_NAME_LENGTH) String name,
                                @NotNull String type,
                                @Size(max = CustomField.MAX_OPTIONS) List<@NotBlank @Size(max = 255) String> options) {
}
