package io.dealflow.bulk.operation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dealflow.bulk.http.BulkRefusal;
import io.dealflow.command.opportunity.AddFollowers;
import io.dealflow.command.opportunity.AddTags;
import io.dealflow.command.opportunity.DeleteOpportunity;
import io.dealflow.command.opportunity.EditOpportunity;
import io.dealflow.command.opportunity.MarkAbandoned;
import io.dealflow.command.opportunity.MarkLost;
import io.dealflow.command.opportunity.MarkWon;
import io.dealflow.command.opportunity.MoveStage;
import io.dealflow.command.opportunity.RemoveTags;
import io.dealflow.command.opportunity.Reopen;
import io.dealflow.command.opportunity.RestoreOpportunity;
import io.dealflow.events.Contact;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The actions a bulk operation applies, each the ordinary command of one deal, with the {@code params} it reads (the
 * body its HTTP command takes). Params are checked once when the operation is asked for, so a bad one refuses the whole
 * operation (400 unreadable, 422 missing) before any deal is touched; the rules of each deal are the aggregate's.
 */
enum BulkAction {

    MOVE_STAGE("move-stage", Set.of("stageId", "pipelineId")) {
        @Override
        void check(ObjectNode params) {
            requiredText(params, "stageId");
            optionalText(params, "pipelineId");
        }

        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new MoveStage(id, location, text(params, "stageId"), text(params, "pipelineId"), null));
        }
    },
    MARK_WON("mark-won", Set.of()) {
        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new MarkWon(id, location, null));
        }
    },
    MARK_LOST("mark-lost", Set.of("lostReasonId", "lostReason")) {
        @Override
        void check(ObjectNode params) {
            optionalText(params, "lostReasonId");
            optionalText(params, "lostReason");
        }

        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new MarkLost(id, location, text(params, "lostReasonId"), text(params, "lostReason"), null));
        }
    },
    MARK_ABANDONED("mark-abandoned", Set.of()) {
        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new MarkAbandoned(id, location, null));
        }
    },
    REOPEN("reopen", Set.of("stageId")) {
        @Override
        void check(ObjectNode params) {
            optionalText(params, "stageId");
        }

        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new Reopen(id, location, text(params, "stageId"), null));
        }
    },
    EDIT("edit", Set.of("name", "monetaryValue", "currency", "contact", "source", "assignedTo", "tags",
            "customFields")) {
        @Override
        void check(ObjectNode params) {
            if (params.isEmpty()) {
                throw BulkRefusal.invalid("params", "edit needs at least one field to change");
            }
            edit("check", "check", params);
        }

        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(edit(id, location, params));
        }
    },
    ADD_TAGS("add-tags", "tags", AddTags::new),
    REMOVE_TAGS("remove-tags", "tags", RemoveTags::new),
    ADD_FOLLOWERS("add-followers", "followers", AddFollowers::new),
    DELETE("delete", Set.of()) {
        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new DeleteOpportunity(id, location, null));
        }
    },
    RESTORE("restore", Set.of()) {
        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            return List.of(new RestoreOpportunity(id, location, null));
        }
    },
    /** Not asked for by clients: the undo of another operation, whose commands come from each deal's history. */
    UNDO("undo", Set.of()) {
        @Override
        List<Object> commands(String id, String location, ObjectNode params) {
            throw new UnsupportedOperationException("an undo plans each deal from its history");
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };
    private static final int MAX_TEXT = 255;
    private static final int MAX_ITEMS = 100;

    private final String wireName;
    private final Set<String> fields;
    /** For the actions that add or remove a list of names (tags, followers): the one param they read. */
    private final String listField;
    private final ListCommand listCommand;

    BulkAction(String wireName, Set<String> fields) {
        this.wireName = wireName;
        this.fields = fields;
        this.listField = null;
        this.listCommand = null;
    }

    /** An action whose only, required param is a non-empty list of names, handed to one command. */
    BulkAction(String wireName, String listField, ListCommand listCommand) {
        this.wireName = wireName;
        this.fields = Set.of(listField);
        this.listField = listField;
        this.listCommand = listCommand;
    }

    /** The action a client names, or 400 listing the actions. */
    static BulkAction named(String name) {
        return Arrays.stream(values())
                .filter(action -> action != UNDO && action.wireName.equals(name))
                .findFirst()
                .orElseThrow(() -> BulkRefusal.malformed("action", "action must be one of " + Arrays.stream(values())
                        .filter(action -> action != UNDO).map(BulkAction::wireName)
                        .collect(Collectors.joining(", "))));
    }

    /** The action of a stored operation. */
    static BulkAction stored(String name) {
        return Arrays.stream(values()).filter(action -> action.wireName.equals(name)).findFirst().orElseThrow();
    }

    String wireName() {
        return wireName;
    }

    /** Refuses params this action cannot use: unknown fields and wrong types 400, missing required values 422. */
    void validate(ObjectNode params) {
        Iterator<String> names = params.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw BulkRefusal.malformed("params." + name, wireName + " has no parameter " + name);
            }
        }
        check(params);
    }

    /** Checks the params' values; the list actions' by default, the others override it where they take params. */
    void check(ObjectNode params) {
        if (listField != null) {
            requiredTexts(params, listField);
        }
    }

    /** The commands that apply this action to one deal: the list actions' by default, the others override it. */
    List<Object> commands(String opportunityId, String locationId, ObjectNode params) {
        if (listCommand == null) {
            throw new IllegalStateException(wireName + " has no commands of its own");
        }
        return List.of(listCommand.of(opportunityId, locationId, texts(params, listField), null));
    }

    /** The command of a list action, built like its record: deal, location, the names, no expected version. */
    @FunctionalInterface
    private interface ListCommand {
        Object of(String opportunityId, String locationId, List<String> names, Long expectedVersion);
    }

    private static String text(ObjectNode params, String field) {
        JsonNode value = params.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void requiredText(ObjectNode params, String field) {
        optionalText(params, field);
        if (text(params, field) == null || text(params, field).isBlank()) {
            throw BulkRefusal.invalid("params." + field, field + " is required");
        }
    }

    private static void optionalText(ObjectNode params, String field) {
        JsonNode value = params.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw BulkRefusal.malformed("params." + field, field + " must be a string");
        }
        if (value != null && value.isTextual() && value.asText().length() > MAX_TEXT) {
            throw BulkRefusal.invalid("params." + field, field + " must be at most " + MAX_TEXT + " characters");
        }
    }

    private static void requiredTexts(ObjectNode params, String field) {
        JsonNode value = params.get(field);
        if (value == null || value.isNull()) {
            throw BulkRefusal.invalid("params." + field, field + " is required");
        }
        textList(field, value);
        if (value.isEmpty()) {
            throw BulkRefusal.invalid("params." + field, field + " must not be empty");
        }
    }

    private static List<String> texts(ObjectNode params, String field) {
        JsonNode value = params.get(field);
        return value == null || value.isNull() ? null : textList(field, value);
    }

    private static List<String> textList(String field, JsonNode value) {
        if (!value.isArray()) {
            throw BulkRefusal.malformed("params." + field, field + " must be an array of strings");
        }
        if (value.size() > MAX_ITEMS) {
            throw BulkRefusal.invalid("params." + field, field + " must hold at most " + MAX_ITEMS + " entries");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw BulkRefusal.malformed("params." + field, field + " must be an array of strings");
            }
            items.add(item.asText());
        }
        return items;
    }

    /** The PATCH body as an edit: a field named is set (or cleared when null), a field left out stays. */
    @SuppressWarnings("OptionalAssignedToNull")
    private static EditOpportunity edit(String id, String location, ObjectNode params) {
        for (String field : List.of("name", "currency", "source", "assignedTo")) {
            optionalText(params, field);
        }
        Optional<String> name = params.has("name") ? Optional.ofNullable(text(params, "name")) : null;
        Optional<BigDecimal> value = params.has("monetaryValue") ? Optional.ofNullable(decimal(params)) : null;
        Optional<String> currency = params.has("currency") ? Optional.ofNullable(text(params, "currency")) : null;
        Optional<Contact> contact = params.has("contact") ? Optional.ofNullable(contact(params.get("contact"))) : null;
        Optional<String> source = params.has("source") ? Optional.ofNullable(text(params, "source")) : null;
        Optional<String> owner = params.has("assignedTo") ? Optional.ofNullable(text(params, "assignedTo")) : null;
        Optional<List<String>> tags = params.has("tags") ? Optional.ofNullable(texts(params, "tags")) : null;
        Optional<Map<String, Object>> fields = params.has("customFields")
                ? Optional.ofNullable(customFields(params.get("customFields"))) : null;
        return new EditOpportunity(id, location, name, value, currency, contact, source, owner, tags, fields, null);
    }

    private static BigDecimal decimal(ObjectNode params) {
        JsonNode value = params.get("monetaryValue");
        if (value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw BulkRefusal.malformed("params.monetaryValue", "monetaryValue must be a number");
        }
        return value.decimalValue();
    }

    private static Contact contact(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw BulkRefusal.malformed("params.contact", "contact must be an object");
        }
        Set<String> known = Set.of("id", "name", "email", "phone", "companyName");
        value.fieldNames().forEachRemaining(field -> {
            if (!known.contains(field)) {
                throw BulkRefusal.malformed("params.contact." + field, "contact has no field " + field);
            }
            JsonNode part = value.get(field);
            if (!part.isNull() && !part.isTextual()) {
                throw BulkRefusal.malformed("params.contact." + field, "contact." + field + " must be a string");
            }
        });
        return new Contact(part(value, "id"), part(value, "name"), part(value, "email"), part(value, "phone"),
                part(value, "companyName"));
    }

    private static String part(JsonNode contact, String field) {
        JsonNode value = contact.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static Map<String, Object> customFields(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw BulkRefusal.malformed("params.customFields", "customFields must be an object");
        }
        // Read as the PATCH body's map is read, so a value means the same through both doors.
        Map<String, Object> fields = JSON.convertValue(value, FIELDS);
        return fields;
    }
}
