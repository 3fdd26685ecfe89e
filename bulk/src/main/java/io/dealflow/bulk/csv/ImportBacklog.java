package io.dealflow.bulk.csv;

import io.dealflow.bulk.Backlog;
import io.dealflow.bulk.BulkProperties;
import io.dealflow.bulk.Worker;
import io.dealflow.bulk.axon.ItemCommands;
import io.dealflow.bulk.axon.ItemCommands.Outcome;
import io.dealflow.bulk.csv.ImportView.RowError;
import io.dealflow.command.customfield.CustomFieldDefinition;
import io.dealflow.command.customfield.CustomFieldDefinitions;
import io.dealflow.command.lookup.PipelineCatalog;
import io.dealflow.events.EventMetadata;
import io.dealflow.query.opportunity.AsOfOpportunities;
import io.dealflow.query.opportunity.AsOfOpportunities.Standing;
import io.dealflow.query.pipeline.PipelineReader;
import io.dealflow.query.pipeline.PipelineView;
import io.dealflow.query.pipeline.StageView;
import org.axonframework.messaging.MetaData;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies running imports row by row: a row whose key names a deal updates it, any other row creates one; the row's
 * commands, its outcome and (for a creation) its key commit in one transaction, so a restart never applies a row
 * twice and a file imported twice creates nothing the second time. A dry run sends the same commands and rolls them
 * back, so the aggregates judge every row as for real.
 */
@Component
class ImportBacklog implements Backlog {

    private final Imports imports;
    private final ItemCommands items;
    private final AsOfOpportunities history;
    private final PipelineReader pipelines;
    private final PipelineCatalog catalog;
    private final CustomFieldDefinitions definitions;
    private final BulkProperties properties;
    private final Worker worker;

    ImportBacklog(Imports imports, ItemCommands items, AsOfOpportunities history, PipelineReader pipelines,
                  PipelineCatalog catalog, CustomFieldDefinitions definitions, BulkProperties properties,
                  @Lazy Worker worker) {
        this.catalog = catalog;
        this.definitions = definitions;
        this.imports = imports;
        this.items = items;
        this.history = history;
        this.pipelines = pipelines;
        this.properties = properties;
        this.worker = worker;
    }

    @Override
    public boolean workOnce() {
        Optional<Imports.Running> claimed = imports.claim(properties.nodeId(), properties.lease());
        if (claimed.isEmpty()) {
            return false;
        }
        Imports.Running running = claimed.get();
        List<Imports.Row> batch = imports.pending(running.importId(), properties.batchSize());
        if (batch.isEmpty()) {
            imports.finish(running.importId());
            return true;
        }
        Optional<List<StageView>> named = pipelines.find(running.locationId(), running.pipelineId())
                .map(PipelineView::stages);
        if (named.isEmpty() && catalog.stagesOf(running.locationId(), running.pipelineId()).isPresent()) {
            // Stage names come from the pipelines read model, which has not seen this pipeline yet: wait for it.
            return false;
        }
        List<StageView> stages = named.orElse(List.of());
        // Read per batch from the command side's lookup, which the aggregates check values against too.
        Map<String, CustomFieldDefinition> fields = definitions.liveIn(running.locationId());
        Map<String, String> values = new HashMap<>(running.metadata());
        values.put(EventMetadata.IMPORT_ID, running.importId());
        MetaData metadata = MetaData.from(values);
        for (Imports.Row row : batch) {
            if (worker.stopping()) {
                return true;
            }
            apply(running, row, stages, fields, metadata);
            Thread.yield();
        }
        return true;
    }

    private void apply(Imports.Running running, Imports.Row row, List<StageView> stages,
                       Map<String, CustomFieldDefinition> fields, MetaData metadata) {
        String location = running.locationId();
        RowPlan plan = new RowPlan(row.number(), running.columns(), row.cells(), fields);
        Optional<String> key = plan.key();
        Optional<Standing> existing = key.flatMap(k -> imports.dealOf(location, k))
                .or(plan::exportedId)
                .flatMap(id -> history.atVersion(location, id, items.version(id)))
                .filter(standing -> !standing.deleted());
        Outcome outcome;
        if (existing.isPresent()) {
            List<Object> commands = plan.update(existing.get().opportunity(), stages);
            if (!plan.errors().isEmpty()) {
                items.inTransaction(() -> imports.fail(running.importId(), row.number(), plan.errors()));
                return;
            }
            String id = existing.get().opportunity().id();
            outcome = items.send(id, commands, metadata, versions -> imports.record(running.importId(), row.number(),
                    versions.changed() ? "updated" : "unchanged"), running.dryRun());
        } else {
            // A fresh id per row; the key (if any) is written with the creation, in its transaction.
            String id = UUID.randomUUID().toString();
            List<Object> commands = plan.create(id, location, running.pipelineId(), stages);
            if (!plan.errors().isEmpty()) {
                items.inTransaction(() -> imports.fail(running.importId(), row.number(), plan.errors()));
                return;
            }
            outcome = items.send(id, commands, metadata, versions -> {
                key.ifPresent(k -> imports.remember(location, k, id));
                return imports.record(running.importId(), row.number(), "created");
            }, running.dryRun());
        }
        if (outcome.refused()) {
            items.inTransaction(() -> imports.fail(running.importId(), row.number(),
                    List.of(new RowError(row.number(), column(outcome.field()), outcome.title()))));
        } else if (running.dryRun() && !outcome.alreadyDone()) {
            // The dry run rolled its row back with the commands; count it on its own.
            String counted = outcome.versions().before() == 0 ? "created"
                    : outcome.versions().changed() ? "updated" : "unchanged";
            items.inTransaction(() -> imports.record(running.importId(), row.number(), counted));
        }
    }

    /** The CSV column of a refused command's field (the contact's fields have columns of their own). */
    private static String column(String field) {
        if (field == null) {
            return null;
        }
        return switch (field) {
            case "contact.id" -> CsvColumns.CONTACT_ID;
            case "contact.name" -> CsvColumns.CONTACT_NAME;
            case "contact.email" -> CsvColumns.CONTACT_EMAIL;
            case "contact.phone" -> CsvColumns.CONTACT_PHONE;
            case "contact.companyName" -> CsvColumns.COMPANY_NAME;
            case "stageId", "pipelineId" -> CsvColumns.STAGE;
            case "lostReasonId" -> CsvColumns.LOST_REASON;
            default -> field.startsWith("customFields.") ? CsvColumns.CUSTOM_FIELD
                    + field.substring("customFields.".length()) : field;
        };
    }
}
