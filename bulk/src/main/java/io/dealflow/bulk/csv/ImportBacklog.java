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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * back, so the aggregates judge every row as for real. An import whose pipeline was deleted, or whose row keeps meeting
 * an unexpected error, ends {@code failed} with the reason.
 */
@Component
class ImportBacklog implements Backlog {

    private static final Logger LOG = LoggerFactory.getLogger(ImportBacklog.class);

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
        if (catalog.stagesOf(running.locationId(), running.pipelineId()).isEmpty()) {
            // Deleted since the file came in: no row can create a deal in it any more.
            imports.fail(running.importId(), "pipeline " + running.pipelineId() + " was deleted before the import"
                    + " finished; the rows not yet applied were left alone");
            return true;
        }
        Optional<List<StageView>> named = pipelines.find(running.locationId(), running.pipelineId())
                .map(PipelineView::stages);
        if (named.isEmpty()) {
            // Stage names come from the pipelines read model, which has not seen this pipeline yet: wait for it.
            return false;
        }
        List<StageView> stages = named.get();
        // Read per batch from the command side's lookup, which the aggregates check values against too.
        Map<String, CustomFieldDefinition> fields = definitions.liveIn(running.locationId());
        Map<String, String> values = new HashMap<>(running.metadata());
        values.put(EventMetadata.IMPORT_ID, running.importId());
        MetaData metadata = MetaData.from(values);
        for (Imports.Row row : batch) {
            if (worker.stopping()) {
                return true;
            }
            try {
                apply(running, row, stages, fields, metadata);
            } catch (RuntimeException e) {
                if (ItemCommands.databaseAway(e)) {
                    throw e;
                }
                stalled(running, row, e);
                // Not counted as work: the worker waits its idle poll before it tries the row again.
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * A row met an unexpected error (neither a refusal nor the database being away): it stays to do and is tried
     * again, unless that was the same row's {@code maxItemAttempts}-th in a row, which ends the import {@code failed}.
     */
    private void stalled(Imports.Running running, Imports.Row row, RuntimeException error) {
        int attempts = imports.stalled(running.importId(), row.number());
        LOG.warn("import {}: row {} met an unexpected error ({} in a row)", running.importId(), row.number(),
                attempts, error);
        if (attempts >= properties.maxItemAttempts()) {
            imports.fail(running.importId(), "stopped at row " + row.number() + ": an unexpected error ("
                    + error.getClass().getSimpleName() + ") " + attempts + " times in a row; the rows after it were"
                    + " left alone (the server log has the details)");
        }
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
