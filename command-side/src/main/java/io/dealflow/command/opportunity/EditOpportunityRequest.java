package io.dealflow.command.opportunity;

import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Body of {@code PATCH /opportunities/{id}}. A field left out stays as it is; a field sent as {@code null} is cleared
 * (refused for name, value and currency by the aggregate).
 *
 * <p>A class rather than a record: Jackson reads a missing and a {@code null} record component alike, so each setter
 * notes which fields the body actually named.
 */
final class EditOpportunityRequest {

    private final Set<String> named = new HashSet<>();
    @Size(max = 255)
    private String name;
    private BigDecimal monetaryValue;
    private String currency;
    @Valid
    private ContactRequest contact;
    @Size(max = 255)
    private String source;
    @Size(max = 255)
    private String assignedTo;
    @Size(max = 100)
    private List<@NotBlank @Size(max = 255) String> tags;
    @Size(max = 100)
    private Map<String, Object> customFields;

    EditOpportunity toCommand(String opportunityId, String locationId, Long expectedVersion) {
        return new EditOpportunity(opportunityId, locationId, facet("name", name),
                facet("monetaryValue", monetaryValue), facet("currency", currency),
                facet("contact", contact == null ? null : contact.toContact()), facet("source", source),
                facet("assignedTo", assignedTo), facet("tags", tags), facet("customFields", customFields),
                expectedVersion);
    }

    /** Null when the body did not name the field, otherwise its value (empty when sent as null). */
    @SuppressWarnings("OptionalAssignedToNull")
    private <T> Optional<T> facet(String field, T value) {
        return named.contains(field) ? Optional.ofNullable(value) : null;
    }

    @JsonSetter("name")
    void name(String value) {
        named.add("name");
        name = value;
    }

    @JsonSetter("monetaryValue")
    void monetaryValue(BigDecimal value) {
        named.add("monetaryValue");
        monetaryValue = value;
    }

    @JsonSetter("currency")
    void currency(String value) {
        named.add("currency");
        currency = value;
    }

    @JsonSetter("contact")
    void contact(ContactRequest value) {
        named.add("contact");
        contact = value;
    }

    @JsonSetter("source")
    void source(String value) {
        named.add("source");
        source = value;
    }

    @JsonSetter("assignedTo")
    void assignedTo(String value) {
        named.add("assignedTo");
        assignedTo = value;
    }

    @JsonSetter("tags")
    void tags(List<String> value) {
        named.add("tags");
        tags = value;
    }

    @JsonSetter("customFields")
    void customFields(Map<String, Object> value) {
        named.add("customFields");
        customFields = value;
    }
}
