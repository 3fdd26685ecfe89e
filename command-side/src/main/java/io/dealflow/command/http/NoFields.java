package io.dealflow.command.http;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The body of a command that takes no input ({@code mark-won}, {@code restore}, ...): absent or {@code {}}. It is still
 * parsed, so malformed JSON or an unknown field is refused with 400 instead of being ignored while the state changes.
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record NoFields() {
}
