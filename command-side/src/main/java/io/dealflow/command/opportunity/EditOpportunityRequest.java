package io.dealflow.command.opportunity;

import com.fasterxml.jackson.annotation.JsonSetter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code PATCH /opportunities/{id}}. A field left out stays as it is; a field sent as {@code null} is cleared
 * (refused for name, value and currency by the aggregate).
 *
 * <p>A class rather than a record: Jackson reads a missing and a {@code null} record component alike, so each setter
 * notes in {@link NamedFields} which fields the body actually named.
 */
final class EditOpportunityRequest {

    private final NamedFields named = new NamedFields();
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
        return new EditOpportunity(opportunityId, locationId, named.facet("name", name),
                named.facet("monetaryValue", monetaryValue), named.facet("currency", currency),
                named.facet("contact", contact == null ? null : contact.toContact()), named.facet("source", source),
                named.facet("assignedTo", assignedTo), named.facet("tags", tags),
                named.facet("customFields", customFields), expectedVersion);
    }

    @JsonSetter("name")
    void name(String value) {
        name = named.noted("name", value);
    }

    @JsonSetter("monetaryValue")
    void monetaryValue(BigDecimal value) {
        monetaryValue = named.noted("monetaryValue", value);
    }

    @JsonSetter("currency")
    void currency(String value) {
        currency = named.noted("currency", value);
    }

    @JsonSetter("contact")
    void contact(ContactRequest value) {
        contact = named.noted("contact", value);
    }

    @JsonSetter("source")
    void source(String value) {
        source = named.noted("source", value);
    }

    @JsonSetter("assignedTo")
    void assignedTo(String value) {
        assignedTo = named.noted("assignedTo", value);
    }

    @JsonSetter("tags")
    void tags(List<String> value) {
        tags = named.noted("tags", value);
    }

    @JsonSetter("customFields")
    void customFields(Map<String, Object> value) {
        customFields = named.noted("customFields", value);
    }
}
