package io.dealflow.bulk.csv;

import io.dealflow.bulk.Worker;
import io.dealflow.bulk.http.BulkRefusal;
import io.dealflow.command.http.RequestMetadata;
import io.dealflow.command.lookup.PipelineCatalog;
import io.dealflow.query.http.QueryParameters;
import io.dealflow.security.settings.ApiSecurityProperties;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CSV imports over HTTP. The request streams the file through the CSV parser into the import's rows (nothing holds
 * the whole file); the header is checked first, and the limits as the bytes and rows go by, so a refused file leaves
 * nothing behind. The rows are then applied in the background, each as the ordinary commands.
 */
@RestController
@RequestMapping("/api/v1/locations/{locationId}/imports")
@Tag(name = "CSV import and export")
class ImportController {

    static final int MAX_ROWS = 200_000;
    private static final int MAX_ERRORS = 100;
    private static final int BATCH = 1_000;
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreHeaderCase(true).setAllowMissingColumnNames(false).setIgnoreEmptyLines(true).get();

    private final Imports imports;
    private final PipelineCatalog catalog;
    private final TransactionTemplate transaction;
    private final Worker worker;
    private final long maxBytes;

    ImportController(Imports imports, PipelineCatalog catalog, TransactionTemplate transaction, Worker worker,
                     ApiSecurityProperties security) {
        this.imports = imports;
        this.catalog = catalog;
        this.transaction = transaction;
        this.worker = worker;
        this.maxBytes = security.maxImportSize().toBytes();
    }

    @PostMapping(consumes = {"text/csv", "application/csv"})
    @Operation(summary = "Import deals from CSV (UTF-8, RFC 4180, header row); 202, the rows go in in the background",
            description = "Columns (case-insensitive): name (required), stage (name or id; default the first), status,"
                    + " monetaryValue, currency, contactId, contactName, contactEmail, contactPhone, companyName,"
                    + " source, assignedTo, tags (;-separated), lostReason, externalId, cf.<key> (a defined field's"
                    + " cell is read as its type: number, true/false, YYYY-MM-DD, option, ;-separated options; a"
                    + " cell that is none is a row error); the export's id,"
                    + " pipeline, createdAt, updatedAt, lastStageChangeAt are accepted (id recognises deals the"
                    + " location exported). A row whose externalId (else id) names a deal imported before updates"
                    + " it. A cell starting with a quote before = + - @ loses that quote (the export's formula guard)."
                    + " 400 for an unknown or repeated column, or a file that is not CSV; 413 beyond 50 MB or 200,000"
                    + " rows; 422 for an unknown pipeline.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    mediaType = "text/csv", schema = @Schema(type = "string"))))
    ResponseEntity<ImportView> start(@PathVariable String locationId,
                                     @Parameter(description = "The pipeline the rows go to") @RequestParam String pipelineId,
                                     @Parameter(description = "true only checks the rows: nothing is changed")
                                     @RequestParam(required = false) String dryRun,
                                     HttpServletRequest request) throws IOException {
        String location = QueryParameters.location(locationId);
        boolean dry = flag(dryRun);
        String pipeline = QueryParameters.text("pipelineId", pipelineId);
        if (pipeline == null || catalog.stagesOf(location, pipeline).isEmpty()) {
            throw BulkRefusal.invalid("pipelineId", "pipeline " + pipelineId + " does not exist");
        }
        Map<String, String> metadata = new HashMap<>();
        RequestMetadata.of(request).forEach((key, value) -> metadata.put(key, String.valueOf(value)));
        String importId = UUID.randomUUID().toString();
        InputStream body = new Limited(request.getInputStream(), maxBytes);
        transaction.executeWithoutResult(status -> spool(importId, location, pipeline, dry, metadata, body));
        worker.nudge();
        URI uri = ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/locations/{locationId}/imports/{id}").buildAndExpand(location, importId).toUri();
        return ResponseEntity.status(HttpStatus.ACCEPTED).location(uri).body(view(location, importId));
    }

    @GetMapping("/{importId}")
    @Operation(summary = "An import's progress, with its first 100 row errors",
            description = "status running, completed or failed; a failed import (its pipeline deleted before it"
                    + " finished, or a row meeting an unexpected error again and again) says why in problem.")
    ImportView show(@PathVariable String locationId, @PathVariable String importId) {
        return view(QueryParameters.location(locationId), importId);
    }

    private ImportView view(String location, String importId) {
        return imports.find(location, importId)
                .orElseThrow(() -> new BulkRefusal(HttpStatus.NOT_FOUND, "import-not-found", null,
                        "import " + importId + " does not exist"))
                .withErrors(imports.errors(importId, MAX_ERRORS));
    }

    /** Reads the file into the import's rows, in the caller's transaction: a refusal part-way leaves nothing. */
    private void spool(String importId, String location, String pipeline, boolean dry, Map<String, String> metadata,
                       InputStream body) {
        try (CSVParser parser = CSVParser.builder().setReader(withoutBom(utf8(body))).setFormat(FORMAT).get()) {
            List<String> columns = columns(parser.getHeaderNames());
            imports.insert(importId, location, pipeline, dry, columns, metadata);
            List<Integer> numbers = new ArrayList<>(BATCH);
            List<String[]> batch = new ArrayList<>(BATCH);
            int rows = 0;
            for (CSVRecord record : parser) {
                rows++;
                if (rows > MAX_ROWS) {
                    throw new BulkRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", null,
                            "an import holds at most " + MAX_ROWS + " rows");
                }
                String[] cells = new String[columns.size()];
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = i < record.size() ? record.get(i) : "";
                }
                // Spreadsheet rows: the header is row 1.
                numbers.add(rows + 1);
                batch.add(cells);
                if (batch.size() == BATCH) {
                    imports.insertRows(importId, numbers, batch);
                    numbers.clear();
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                imports.insertRows(importId, numbers, batch);
            }
            imports.counted(importId, rows);
        } catch (UncheckedIOException e) {
            throw unreadable(e.getCause());
        } catch (IOException e) {
            throw unreadable(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV: a header with a blank or repeated name, an unterminated quote, text after a closing quote.
            if (e.getCause() instanceof IOException io) {
                throw unreadable(io);
            }
            throw BulkRefusal.malformed("body", "not a readable CSV file: " + e.getMessage());
        }
    }

    private static RuntimeException unreadable(Throwable e) {
        if (e instanceof TooLarge tooLarge) {
            return new BulkRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", null, tooLarge.getMessage());
        }
        if (e instanceof CharacterCodingException) {
            return BulkRefusal.malformed("body", "the file is not UTF-8 text");
        }
        if (e instanceof IOException && e.getCause() instanceof TooLarge tooLarge) {
            return new BulkRefusal(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", null, tooLarge.getMessage());
        }
        return BulkRefusal.malformed("body", "not a readable CSV file: " + e.getMessage());
    }

    /** The header as canonical column names; 400 naming an unknown or repeated column, or a missing name column. */
    private static List<String> columns(List<String> header) {
        List<String> columns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String cell : header) {
            String column = CsvColumns.canonical(cell);
            if (column == null) {
                throw new BulkRefusal(HttpStatus.BAD_REQUEST, "unknown-column", cell,
                        "unknown column \"" + cell + "\"");
            }
            if (!seen.add(column.toLowerCase(Locale.ROOT))) {
                throw new BulkRefusal(HttpStatus.BAD_REQUEST, "repeated-column", cell,
                        "column \"" + cell + "\" appears twice");
            }
            columns.add(column);
        }
        if (!columns.contains(CsvColumns.NAME)) {
            throw new BulkRefusal(HttpStatus.BAD_REQUEST, "missing-column", CsvColumns.NAME,
                    "the header has no name column");
        }
        return columns;
    }

    private static boolean flag(String value) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw BulkRefusal.malformed("dryRun", "dryRun must be true or false");
    }

    private static Reader utf8(InputStream body) {
        return new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    /** Excel writes a byte-order mark before UTF-8 CSV; it is no part of the first column's name. */
    private static Reader withoutBom(Reader reader) throws IOException {
        PushbackReader pushback = new PushbackReader(reader, 1);
        int first = pushback.read();
        if (first != -1 && first != '\uFEFF') {
            pushback.unread(first);
        }
        return pushback;
    }

    /** Counts the bytes read and refuses past the limit (the body's length may be unknown: chunked uploads). */
    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b != -1) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLarge {
            read += n;
            if (read > limit) {
                throw new TooLarge("the file is larger than " + limit + " bytes");
            }
        }
    }

    /** The body went past the size limit. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}
