package io.dealflow.standalone.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class CsvImportExportTest extends BulkApiTest {

    @BeforeEach
    void setUp() {
        pipeline();
    }

    @Test
    void importsWhatSpreadsheetsWriteAndAReimportCreatesNothing() {
        String file = "\uFEFFName,Stage,status,monetaryValue,tags,cf.region,externalId,contactName,lostReason\r\n"
                + "\"Acme, Inc\",Demo,open,1200.50,hot;q3,EMEA,ext-1,\"Ada\r\nLovelace\",\r\n"
                + "Beta," + stages.get(2) + ",won,10,,,ext-2,,\r\n"
                + "Gamma,,lost,0,,,ext-3,,price\r\n";
        JsonNode first = imported(file);
        assertThat(first.get("rows").asInt()).isEqualTo(3);
        assertThat(first.get("created").asInt()).as(first.toString()).isEqualTo(3);
        assertThat(first.get("errors")).isEmpty();

        Map<String, JsonNode> deals = dealsByName();
        JsonNode acme = deals.get("Acme, Inc");
        assertThat(acme.get("stageId").asText()).isEqualTo(stages.get(1));
        assertThat(acme.get("monetaryValue").decimalValue()).isEqualByComparingTo("1200.50");
        assertThat(acme.get("tags").toString()).isEqualTo("[\"hot\",\"q3\"]");
        assertThat(acme.get("customFields").get("region").asText()).isEqualTo("EMEA");
        assertThat(acme.get("contact").get("name").asText()).isEqualTo("Ada\r\nLovelace");
        assertThat(deals.get("Beta").get("stageId").asText()).isEqualTo(stages.get(2));
        assertThat(deals.get("Beta").get("status").asText()).isEqualTo("won");
        assertThat(deals.get("Gamma").get("stageId").asText()).isEqualTo(stages.get(0));
        assertThat(deals.get("Gamma").get("lostReason").asText()).isEqualTo("price");
        JsonNode created = history(acme.get("id").asText()).get(0);
        assertThat(created.get("importId").asText()).isEqualTo(first.get("id").asText());

        long events = storedEvents();
        JsonNode second = imported(file);
        assertThat(second.get("created").asInt()).isZero();
        assertThat(second.get("updated").asInt()).isZero();
        assertThat(second.get("unchanged").asInt()).isEqualTo(3);
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(dealsByName()).hasSize(3);
    }

    @Test
    void reportsBadRowsWhileTheGoodOnesGoIn() {
        JsonNode done = imported("name,stage,status,monetaryValue,currency\n"
                + "Good,Lead,open,5,USD\n"
                + ",Lead,open,5,USD\n"
                + "Bad value,Lead,open,lots,USD\n"
                + "Bad stage,Nowhere,open,5,USD\n"
                + "Bad status,Lead,sleeping,5,USD\n"
                + "Negative,Lead,open,-5,USD\n"
                + "Also good,Demo,,7,EUR\n");
        assertThat(done.get("rows").asInt()).isEqualTo(7);
        assertThat(done.get("created").asInt()).isEqualTo(2);
        assertThat(done.get("failed").asInt()).isEqualTo(5);
        List<String> errors = new ArrayList<>();
        done.get("errors").forEach(error -> errors.add(error.get("row").asInt() + ":" + error.get("column").asText()));
        assertThat(errors).containsExactly("3:name", "4:monetaryValue", "5:stage", "6:status", "7:monetaryValue");
        assertThat(dealsByName()).containsOnlyKeys("Good", "Also good");
    }

    @Test
    void aDryRunChecksEveryRowAndChangesNothing() {
        long events = storedEvents();
        JsonNode done = imported("name,monetaryValue\nOne,5\nTwo,-1\n", "&dryRun=true");
        assertThat(done.get("created").asInt()).isEqualTo(1);
        assertThat(done.get("failed").asInt()).isEqualTo(1);
        assertThat(done.get("dryRun").asBoolean()).isTrue();
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(dealsByName()).isEmpty();
    }

    @Test
    void refusesFilesItCannotTakeAndStoresNothing() {
        assertRefused(csv("POST", at("/imports?pipelineId=" + pipelineId), "name,colour\nA,red\n"), 400, "colour");
        assertRefused(csv("POST", at("/imports?pipelineId=" + pipelineId), "stage\nLead\n"), 400, "name");
        assertRefused(csv("POST", at("/imports?pipelineId=" + pipelineId), "name,Name\nA,B\n"), 400, "Name");
        assertRefused(csv("POST", at("/imports?pipelineId=" + pipelineId), "name\n\"unterminated\n"), 400, null);
        assertRefused(csv("POST", at("/imports"), "name\nA\n"), 400, "pipelineId");
        assertRefused(csv("POST", at("/imports?pipelineId=nope"), "name\nA\n"), 422, "pipelineId");
        assertRefused(csv("POST", at("/imports?pipelineId=" + pipelineId + "&dryRun=maybe"), "name\nA\n"), 400,
                "dryRun");
        StringBuilder tooMany = new StringBuilder("name\n");
        tooMany.append("a\n".repeat(200_001));
        assertRefused(csv("POST", at("/imports?pipelineId=" + pipelineId), tooMany.toString()), 413, null);
        assertThat(call("GET", at("/imports/" + UUID.randomUUID()), null).statusCode()).isEqualTo(404);
        Long imports = jdbc.queryForObject("SELECT count(*) FROM bulk.import WHERE location_id = ?", Long.class,
                location);
        assertThat(imports).isZero();
        assertThat(dealsByName()).isEmpty();
    }

    @Test
    void refusesABodyDeclaredOverFiftyMegabytesBeforeReadingIt() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            String head = "POST " + at("/imports?pipelineId=" + pipelineId) + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + OPERATOR_KEY + "\r\nContent-Type: text/csv\r\n"
                    + "Content-Length: " + (50L * 1024 * 1024 + 1) + "\r\nConnection: close\r\n\r\nname\nA\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            assertThat(answer).isEqualTo("HTTP/1.1 413");
        }
    }

    @Test
    void exportsEveryMatchBehindAFormulaGuard() throws Exception {
        String formula = ok(call("POST", at("/opportunities"), """
                {"name": "=HYPERLINK(\\"http://evil\\")", "pipelineId": "%s", "contact": {"phone": "+1 555 0100"},
                 "tags": ["@team", "plain"], "customFields": {"note": "-2+3"}}""".formatted(pipelineId)), 201)
                .get("id").asText();
        String quoted = ok(call("POST", at("/opportunities"), """
                {"name": "'=already quoted", "pipelineId": "%s"}""".formatted(pipelineId)), 201).get("id").asText();
        head();

        HttpResponse<String> export = csv("GET", at("/opportunities/export?status=all"), null);
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/csv"));
        List<CSVRecord> rows = parse(export.body());
        assertThat(rows).hasSize(2);
        CSVRecord first = rows.stream().filter(row -> row.get("id").equals(formula)).findFirst().orElseThrow();
        assertThat(first.get("name")).isEqualTo("'=HYPERLINK(\"http://evil\")");
        assertThat(first.get("contactPhone")).isEqualTo("'+1 555 0100");
        assertThat(first.get("tags")).isEqualTo("'@team;plain");
        assertThat(first.get("cf.note")).isEqualTo("'-2+3");
        assertThat(first.get("stage")).isEqualTo("Lead");
        assertThat(first.get("pipeline")).isEqualTo("Sales");
        CSVRecord second = rows.stream().filter(row -> row.get("id").equals(quoted)).findFirst().orElseThrow();
        assertThat(second.get("name")).isEqualTo("''=already quoted");

        // Back in: the guard comes off again, so the deals read as they were (nothing changes).
        long events = storedEvents();
        JsonNode reimport = imported(export.body());
        assertThat(reimport.get("unchanged").asInt()).as(reimport.toString()).isEqualTo(2);
        assertThat(storedEvents()).isEqualTo(events);
        assertThat(call("GET", at("/opportunities/export?colour=red"), null).statusCode()).isEqualTo(400);
        assertThat(call("GET", at("/opportunities/export?status=sleeping"), null).statusCode()).isEqualTo(400);
    }

    @Test
    void anExportImportedIntoAnotherLocationGivesTheSameBoard() {
        String[] names = {"Acme", "Beta", "Gamma", "Delta", "Epsilon"};
        for (int i = 0; i < names.length; i++) {
            String id = ok(call("POST", at("/opportunities"), """
                    {"name": "%s", "pipelineId": "%s", "stageId": "%s", "monetaryValue": %d.25, "assignedTo": "u%d",
                     "tags": ["t%d"], "contact": {"name": "C %d", "email": "c%d@example.com"}}"""
                    .formatted(names[i], pipelineId, stages.get(i % 3), 100 * (i + 1), i % 2, i, i, i)), 201)
                    .get("id").asText();
            if (i == 4) {
                ok(call("POST", at("/opportunities/" + id + "/mark-won"), "{}"), 200);
            }
        }
        JsonNode boardA = board(pipelineId);
        String export = csv("GET", at("/opportunities/export?status=all"), null).body();

        String source = location;
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        pipeline();
        JsonNode done = imported(export);
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(5);
        assertThat(board(pipelineId)).isEqualTo(boardA);
        JsonNode again = imported(export);
        assertThat(again.get("created").asInt()).isZero();
        assertThat(again.get("unchanged").asInt()).isEqualTo(5);
        assertThat(source).isNotEqualTo(location);
    }

    /** The board without ids and timestamps: stage names, counts, totals, and each card's name, value and owner. */
    private JsonNode board(String pipeline) {
        JsonNode board = ok(caughtUp(at("/pipelines/" + pipeline + "/board"), head()), 200);
        var summary = json.createArrayNode();
        board.get("stages").forEach(stage -> {
            var column = summary.addObject();
            column.put("name", stage.get("name").asText());
            column.put("count", stage.get("count").asInt());
            column.put("totalValue", stage.get("totalValue").decimalValue().toPlainString());
            var cards = column.putArray("cards");
            StreamSupport.stream(stage.get("opportunities").spliterator(), false)
                    .map(card -> card.get("name").asText() + "|" + card.get("monetaryValue").decimalValue()
                            .toPlainString() + "|" + card.get("assignedTo").asText() + "|" + card.get("contact"))
                    .sorted().forEach(cards::add);
        });
        return summary;
    }

    private JsonNode imported(String file) {
        return imported(file, "");
    }

    private JsonNode imported(String file, String parameters) {
        HttpResponse<String> response = csv("POST", at("/imports?pipelineId=" + pipelineId + parameters), file);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode started = read(response);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(uri ->
                assertThat(uri).endsWith(at("/imports/" + started.get("id").asText())));
        return finished("/imports/", started.get("id").asText());
    }

    private Map<String, JsonNode> dealsByName() {
        JsonNode page = ok(caughtUp(at("/opportunities?status=all&limit=500"), head()), 200);
        Map<String, JsonNode> deals = new HashMap<>();
        page.get("items").forEach(item -> deals.put(item.get("name").asText(), item));
        return deals;
    }

    private void assertRefused(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (field != null) {
            assertThat(read(response).get("errors").get(0).get("field").asText()).isEqualTo(field);
        }
    }

    private static List<CSVRecord> parse(String text) throws Exception {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text)).getRecords();
    }
}
