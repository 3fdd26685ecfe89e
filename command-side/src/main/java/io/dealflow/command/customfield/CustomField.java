package io.dealflow.command.customfield;

import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.RuleViolated;
import io.dealflow.command.errors.StateConflict;
import io.dealflow.events.StorableText;
import io.dealflow.events.customfield.CustomFieldArchived;
import io.dealflow.events.customfield.CustomFieldChanged;
import io.dealflow.events.customfield.CustomFieldDefined;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A custom field a location defines for its deals: a key, a name, a type and, for select fields, the options. Its id
 * is made of location and key, so a key is defined at most once per location (also after it was archived: its
 * values stay in the deals' history under that key, with that meaning). The key and type never change.
 */
@Aggregate
class CustomField {

    static final String KEY_PATTERN = "[a-z][a-z0-9_]{0,63}";
    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_OPTIONS = 100;
    private static final int MAX_OPTION_LENGTH = 255;

    @AggregateIdentifier
    private String customFieldId;
    private String locationId;
    private String key;
    private String name;
    private CustomFieldType type;
    private List<String> options = new ArrayList<>();
    private boolean archived;

    @CommandHandler
    CustomField(DefineCustomField command, CustomFieldDefinitions definitions) {
        if (command.key() == null || !command.key().matches(KEY_PATTERN)) {
            throw new RuleViolated("invalid-key", "key", "key must match " + KEY_PATTERN);
        }
        if (definitions.defined(command.locationId(), command.key())) {
            throw new StateConflict("duplicate-custom-field", "custom field " + command.key()
                    + " is already defined in this location (archived fields keep their key)");
        }
        String name = checkedName(command.name());
        CustomFieldType type = CustomFieldType.of(command.type()).orElseThrow(() -> new RuleViolated("invalid-type",
                "type", "type must be text, number, date, boolean, select or multiselect"));
        List<String> options = checkedOptions(type, command.options());
        apply(new CustomFieldDefined(command.customFieldId(), command.locationId(), command.key(), name, type.code(),
                options));
    }

    @CommandHandler
    long change(ChangeCustomField command) {
        requireInLocation(command.locationId());
        String newName = command.name() == null ? name : checkedName(command.name());
        List<String> newOptions = command.options() == null ? options : checkedOptions(type, command.options());
        if (archived) {
            throw new StateConflict("custom-field-archived", "custom field " + key + " is archived");
        }
        if (!newName.equals(name) || !newOptions.equals(options)) {
            apply(new CustomFieldChanged(customFieldId, locationId, key, newName, newOptions));
        }
        return version();
    }

    @CommandHandler
    long archive(ArchiveCustomField command) {
        requireInLocation(command.locationId());
        if (!archived) {
            apply(new CustomFieldArchived(customFieldId, locationId, key));
        }
        return version();
    }

    @EventSourcingHandler
    void on(CustomFieldDefined event) {
        customFieldId = event.customFieldId();
        locationId = event.locationId();
        key = event.key();
        name = event.name();
        type = CustomFieldType.of(event.type()).orElseThrow();
        options = new ArrayList<>(event.options() == null ? List.of() : event.options());
    }

    @EventSourcingHandler
    void on(CustomFieldChanged event) {
        name = event.name();
        options = new ArrayList<>(event.options() == null ? List.of() : event.options());
    }

    @EventSourcingHandler
    void on(CustomFieldArchived event) {
        archived = true;
    }

    /**
     * The aggregate id of a location's field: neither a location id nor a key can hold a slash, so no two pairs share
     * one.
     */
    static String idOf(String locationId, String key) {
        return "custom-field/" + locationId + "/" + key;
    }

    /** The key a field's aggregate id ({@link #idOf}) was made of. */
    static String keyOf(String customFieldId) {
        return customFieldId.substring(customFieldId.lastIndexOf('/') + 1);
    }

    private static String checkedName(String requested) {
        String name = requested == null ? "" : requested.trim();
        if (name.isEmpty() || StorableText.length(name) > MAX_NAME_LENGTH) {
            throw new RuleViolated("invalid-name", "name", "name must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        return name;
    }

    /** A select field needs 1 to 100 distinct options; the other types take none. */
    private static List<String> checkedOptions(CustomFieldType type, List<String> requested) {
        List<String> given = requested == null ? List.of() : requested;
        if (!type.hasOptions()) {
            if (!given.isEmpty()) {
                throw new RuleViolated("invalid-options", "options", "a " + type.code() + " field has no options");
            }
            return List.of();
        }
        Set<String> kept = new LinkedHashSet<>();
        for (String option : given) {
            String trimmed = option == null ? "" : option.trim();
            if (trimmed.isEmpty() || StorableText.length(trimmed) > MAX_OPTION_LENGTH) {
                throw new RuleViolated("invalid-options", "options",
                        "options must be 1 to " + MAX_OPTION_LENGTH + " characters each");
            }
            if (!kept.add(trimmed)) {
                throw new RuleViolated("invalid-options", "options", "option " + trimmed + " is given twice");
            }
        }
        if (kept.isEmpty() || kept.size() > MAX_OPTIONS) {
            throw new RuleViolated("invalid-options", "options",
                    "a " + type.code() + " field needs 1 to " + MAX_OPTIONS + " options");
        }
        return List.copyOf(kept);
    }

    /** A field of another location answers as if it did not exist. */
    private void requireInLocation(String commandLocationId) {
        if (locationId == null || !Objects.equals(locationId, commandLocationId)) {
            throw new NotFound("custom-field", key == null ? customFieldId : key);
        }
    }

    /** The version after the events applied so far: the last sequence number + 1. */
    private static long version() {
        Long lastSequence = AggregateLifecycle.getVersion();
        return lastSequence == null ? 0 : lastSequence + 1;
    }

    /** For Axon, which rebuilds the field from its events. */
    CustomField() {
    }
}
