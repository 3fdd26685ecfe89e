package io.dealflow.bulk.csv;

import io.dealflow.bulk.csv.ImportView.RowError;
import io.dealflow.command.customfield.CustomFieldDefinition;
import io.dealflow.command.opportunity.CreateOpportunity;
import io.dealflow.command.opportunity.EditOpportunity;
import io.dealflow.command.opportunity.MarkAbandoned;
import io.dealflow.command.opportunity.MarkLost;
import io.dealflow.command.opportunity.MarkWon;
import io.dealflow.command.opportunity.MoveStage;
import io.dealflow.command.opportunity.Reopen;
import io.dealflow.events.Contact;
import io.dealflow.query.opportunity.OpportunityView;
import io.dealflow.query.pipeline.StageView;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One CSV row read against its columns: the shape checks a row gets before any command (a number that is not one, a
 * status or stage that does not exist), and the ordinary commands that create the deal it describes or bring an
 * existing deal in line with it, with each {@code cf.<key>} cell read into a value of its field's type. Everything
 * else (lengths, currencies, whether a changed value may be set) is the aggregate's to say.
 */
final class RowPlan {

    private static final Set<String> STATUSES = Set.of("open", "won", "lost", "abandoned");

    private final Map<String, String> cells = new LinkedHashMap<>();
    private final List<RowError> errors = new ArrayList<>();
    private final int row;
    private final Map<String, CustomFieldDefinition> definitions;

    /**
     * @param definitions the location's live custom field definitions by key: their {@code cf.<key>} cells are read
     *                    as values of the field's type
     */
    RowPlan(int row, List<String> columns, List<String> values, Map<String, CustomFieldDefinition> definitions) {
        this.row = row;
        this.definitions = definitions;
        for (int i = 0; i < columns.size(); i++) {
            String value = i < values.size() ? values.get(i) : "";
            if (value.indexOf('\u0000') >= 0) {
                // PostgreSQL cannot store it in any text column: the row is refused, as a JSON body with it is.
                errors.add(new RowError(row, columns.get(i), columns.get(i) + " contains a NUL character"));
                value = "";
            }
            cells.put(columns.get(i), SpreadsheetText.imported(value));
        }
    }

    /** The key that makes a re-import update instead of create: its externalId, else the id the export wrote. */
    Optional<String> key() {
        String external = text(CsvColumns.EXTERNAL_ID);
        if (external != null) {
            return Optional.of(external);
        }
        return exportedId().map(id -> "id:" + id);
    }

    Optional<String> exportedId() {
        return Optional.ofNullable(text(CsvColumns.ID));
    }

    List<RowError> errors() {
        return errors;
    }

    /** The commands that create the row's deal (with its status, when it is closed). */
    List<Object> create(String opportunityId, String locationId, String pipelineId, List<StageView> stages) {
        String name = text(CsvColumns.NAME);
        if (name == null) {
            errors.add(new RowError(row, CsvColumns.NAME, "name is required"));
        }
        String stage = stage(stages);
        BigDecimal value = decimal();
        String status = status();
        Map<String, Object> fields = customFields(Map.of());
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<Object> commands = new ArrayList<>();
        commands.add(new CreateOpportunity(opportunityId, locationId, name, pipelineId, stage, value,
                text(CsvColumns.CURRENCY), contact(), text(CsvColumns.SOURCE), text(CsvColumns.ASSIGNED_TO), null,
                tags(), fields.isEmpty() ? null : fields));
        if (status != null && !status.equals("open")) {
            commands.add(close(opportunityId, locationId, status));
        }
        return commands;
    }

    /** The commands that make an existing deal what the row says; columns the file lacks, or empty cells of the
     * deal's status, stage, value and currency, leave the deal's as they are. */
    @SuppressWarnings("OptionalAssignedToNull")
    List<Object> update(OpportunityView current, List<StageView> stages) {
        String id = current.id();
        String location = current.locationId();
        String stage = has(CsvColumns.STAGE) && text(CsvColumns.STAGE) != null ? stage(stages) : null;
        BigDecimal value = has(CsvColumns.MONETARY_VALUE) && text(CsvColumns.MONETARY_VALUE) != null ? decimal() : null;
        String status = has(CsvColumns.STATUS) ? status() : null;
        Map<String, Object> fields = customFields(current.customFields());
        String name = text(CsvColumns.NAME);
        if (name == null) {
            errors.add(new RowError(row, CsvColumns.NAME, "name is required"));
        }
        if (!errors.isEmpty()) {
            return List.of();
        }
        List<Object> commands = new ArrayList<>();
        boolean statusChanges = status != null && !status.equals(current.status())
                || "lost".equals(status) && !Objects.equals(text(CsvColumns.LOST_REASON), current.lostReason());
        if (statusChanges) {
            if (status.equals("open")) {
                commands.add(new Reopen(id, location, stage, null));
            } else {
                if (current.status().equals("lost")) {
                    commands.add(new Reopen(id, location, null, null));
                }
                commands.add(close(id, location, status));
            }
        }
        if (stage != null) {
            commands.add(new MoveStage(id, location, stage, null, null));
        }
        String currency = has(CsvColumns.CURRENCY) ? text(CsvColumns.CURRENCY) : null;
        boolean contactNamed = CsvColumns.CONTACT.stream().anyMatch(this::has);
        commands.add(new EditOpportunity(id, location, Optional.of(name),
                value == null ? null : Optional.of(value), currency == null ? null : Optional.of(currency),
                contactNamed ? Optional.ofNullable(contact()) : null,
                has(CsvColumns.SOURCE) ? Optional.ofNullable(text(CsvColumns.SOURCE)) : null,
                has(CsvColumns.ASSIGNED_TO) ? Optional.ofNullable(text(CsvColumns.ASSIGNED_TO)) : null,
                has(CsvColumns.TAGS) ? Optional.of(tags()) : null,
                fields.equals(current.customFields()) ? null : Optional.of(fields), null));
        return commands;
    }

    private Object close(String id, String location, String status) {
        return switch (status) {
            case "won" -> new MarkWon(id, location, null);
            case "lost" -> new MarkLost(id, location, null, text(CsvColumns.LOST_REASON), null);
            default -> new MarkAbandoned(id, location, null);
        };
    }

    /** The stage a cell names: a stage's id, else its name (ignoring case); null for the pipeline's first. */
    private String stage(List<StageView> stages) {
        String cell = text(CsvColumns.STAGE);
        if (cell == null) {
            return null;
        }
        for (StageView stage : stages) {
            if (stage.id().equals(cell)) {
                return stage.id();
            }
        }
        for (StageView stage : stages) {
            if (stage.name().equalsIgnoreCase(cell.strip())) {
                return stage.id();
            }
        }
        errors.add(new RowError(row, CsvColumns.STAGE, "no stage of the pipeline is named or has the id " + cell));
        return null;
    }

    private BigDecimal decimal() {
        String cell = text(CsvColumns.MONETARY_VALUE);
        if (cell == null) {
            return null;
        }
        try {
            return new BigDecimal(cell.strip());
        } catch (NumberFormatException e) {
            errors.add(new RowError(row, CsvColumns.MONETARY_VALUE, "monetaryValue must be a number, not " + cell));
            return null;
        }
    }

    private String status() {
        String cell = text(CsvColumns.STATUS);
        if (cell == null) {
            return null;
        }
        String status = cell.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(status)) {
            errors.add(new RowError(row, CsvColumns.STATUS, "status must be open, won, lost or abandoned, not " + cell));
            return null;
        }
        return status;
    }

    private Contact contact() {
        Contact contact = new Contact(text(CsvColumns.CONTACT_ID), text(CsvColumns.CONTACT_NAME),
                text(CsvColumns.CONTACT_EMAIL), text(CsvColumns.CONTACT_PHONE), text(CsvColumns.COMPANY_NAME));
        return contact.equals(new Contact(null, null, null, null, null)) ? null : contact;
    }

    private List<String> tags() {
        String cell = text(CsvColumns.TAGS);
        return cell == null ? List.of() : Arrays.stream(cell.split(";")).map(String::strip)
                .filter(tag -> !tag.isEmpty()).distinct().toList();
    }

    /**
     * The deal's fields with the row's {@code cf.<key>} cells over them; an empty cell removes the key. A cell that
     * reads as the export writes the deal's value keeps that value as it is (typed, or held from before its field was
     * defined or after it was archived), so an export re-imports unchanged; any other cell is read for its field.
     */
    private Map<String, Object> customFields(Map<String, Object> current) {
        Map<String, Object> fields = new LinkedHashMap<>(current);
        cells.forEach((column, value) -> {
            if (column.startsWith(CsvColumns.CUSTOM_FIELD)) {
                String key = column.substring(CsvColumns.CUSTOM_FIELD.length());
                if (value == null || value.isEmpty()) {
                    fields.remove(key);
                } else if (!(current.containsKey(key) && value.equals(CustomFieldCells.text(current.get(key))))) {
                    CustomFieldCells.Reading reading = CustomFieldCells.read(column, definitions.get(key), value);
                    if (reading.refused()) {
                        errors.add(new RowError(row, column, reading.problem()));
                    } else {
                        fields.put(key, reading.value());
                    }
                }
            }
        });
        return fields;
    }

    private boolean has(String column) {
        return cells.containsKey(column);
    }

    /** The cell's text, null when the column is missing or the cell empty. */
    private String text(String column) {
        String value = cells.get(column);
        return value == null || value.isEmpty() ? null : value;
    }
}
