package io.dealflow.command.opportunity;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a PATCH body named. Such a body leaves out what stays as it is and sends {@code null} for what is
 * cleared, but Jackson reads a missing and a {@code null} record component alike: the request classes of those
 * bodies ({@link EditOpportunityRequest}, {@link EditTaskRequest}) note each field their setters are called for here.
 */
final class NamedFields {

    private final Set<String> named = new HashSet<>();

    /** Notes that the body named the field, and gives its value back for the setter to keep. */
    <T> T noted(String field, T value) {
        named.add(field);
        return value;
    }

    /** Null when the body did not name the field, otherwise its value (empty when sent as null). */
    @SuppressWarnings("OptionalAssignedToNull")
    <T> Optional<T> facet(String field, T value) {
        return named.contains(field) ? Optional.ofNullable(value) : null;
    }
}
