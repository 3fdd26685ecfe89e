package io.dealflow.standalone.bulk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    @Test
    void readsCellsOfTypedFieldsAsTheirTypesAndKeepsUndefinedKeysText() {
        typedFields();
        JsonNode done = imported("name,cf.budget,cf.won_big,cf.closing,cf.tier,cf.regions,cf.note\n"
                + "Typed, 1200.50 ,TRUE,2026-12-31,gold, emea;;apac ,42\n"
                + "Whole,7,false,,silver,amer,\n");
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(2);
        assertThat(done.get("errors")).isEmpty();

        JsonNode typed = dealsByName().get("Typed").get("customFields");
        assertThat(typed.get("budget").isNumber()).as(typed.toString()).isTrue();
        assertThat(typed.get("budget").decimalValue()).isEqualByComparingTo("1200.5");
        assertThat(typed.get("won_big").isBoolean()).isTrue();
        assertThat(typed.get("won_big").booleanValue()).isTrue();
        assertThat(typed.get("closing").asText()).isEqualTo("2026-12-31");
        assertThat(typed.get("tier").asText()).isEqualTo("gold");
        assertThat(typed.get("regions").toString()).isEqualTo("[\"emea\",\"apac\"]");
        assertThat(typed.get("note").isTextual()).isTrue();
        assertThat(typed.get("note").asText()).isEqualTo("42");
        JsonNode whole = dealsByName().get("Whole").get("customFields");
        assertThat(whole.get("budget").isIntegralNumber()).as(whole.toString()).isTrue();
        assertThat(whole.get("won_big").booleanValue()).isFalse();
        assertThat(whole.get("regions").toString()).isEqualTo("[\"amer\"]");
        assertThat(whole.has("closing")).isFalse();
    }

    @Test
    void reportsCellsThatAreNoValueOfTheirFieldAsRowErrors() {
        typedFields();
        long events = storedEvents();
        JsonNode done = imported("name,cf.budget,cf.won_big,cf.closing,cf.tier,cf.regions\n"
                + "Bad number,lots,,,,\n"
                + "Bad boolean,,maybe,,,\n"
                + "Bad date,,,31/12/2026,,\n"
                + "Bad select,,,,bronze,\n"
                + "Bad multiselect,,,,,emea;mars\n"
                + "Good,1e3,false,2026-01-02,silver,apac\n"
                + "Too big,1e999,,,,\n");
        assertThat(done.get("created").asInt()).as(done.toString()).isEqualTo(1);
        assertThat(done.get("failed").asInt()).isEqualTo(6);
        Map<String, String> errors = new HashMap<>();
        done.get("errors").forEach(error -> errors.put(error.get("row").asInt() + ":" + error.get("column").asText(),
                error.get("message").asText()));
        assertThat(errors).containsOnlyKeys("2:cf.budget", "3:cf.won_big", "4:cf.closing", "5:cf.tier",
                "6:cf.regions", "8:cf.budget");
        assertThat(errors.get("2:cf.budget"))
                .isEqualTo("cf.budget is a number field: its value must be a number, not lots");
        assertThat(errors.get("3:cf.won_big")).contains("true or false");
        assertThat(errors.get("4:cf.closing")).contains("YYYY-MM-DD");
        assertThat(errors.get("5:cf.tier")).contains("one of its options [gold, silver]");
        assertThat(errors.get("6:cf.regions")).contains("a list of its options [emea, apac, amer]");
        assertThat(errors.get("8:cf.budget")).contains("a number");
        assertThat(dealsByName()).containsOnlyKeys("Good");
        assertThat(dealsByName().get("Good").get("customFields").get("budget").decimalValue())
                .isEqualByComparingTo("1000");
        assertThat(storedEvents()).isEqualTo(events + 1);
    }

    @Test
    void reimportsAnExportOfTypedFieldsUnchanged() {
        typedFields();
        ok(call("POST", at("/opportunities"), """
                {"name": "Acme", "pipelineId": "%s", "customFields": {"budget": 1200.5, "won_big": true,
                 "closing": "2026-12-31", "tier": "gold", "regions": ["emea", "apac"], "note": "x"}}"""
                .formatted(pipelineId)), 201);
        ok(call("POST", at("/opportunities"), """
                {"name": "Beta", "pipelineId": "%s", "customFields": {"budget": 12345678901, "won_big": false,
                 "regions": ["amer"], "score": 5}}""".formatted(pipelineId)), 201);
        ok(call("POST", at("/opportunities"), """
                {"name": "Gamma", "pipelineId": "%s", "customFields": {"budget": 1.0E20}}""".formatted(pipelineId)),
                201);
        String export = csv("GET", at("/opportunities/export?status=all"), null).body();
        assertThat(export).contains("100000000000000000000").doesNotContain("E20");

        long events = storedEvents();
        JsonNode again = imported(export);
        assertThat(again.get("unchanged").asInt()).as(again.toString()).isEqualTo(3);
        assertThat(again.get("updated").asInt()).isZero();
        assertThat(storedEvents()).isEqualTo(events);

        // Into another location with the same fields: the values arrive typed, and a second import changes nothing.
        Map<String, JsonNode> source = dealsByName();
        location = "loc-" + UUID.randomUUID().toString().substring(0, 8);
        pipeline();
        typedFields();
        JsonNode copied = imported(export);
        assertThat(copied.get("created").asInt()).as(copied.toString()).isEqualTo(3);
        Map<String, JsonNode> copies = dealsByName();
        for (String name : List.of("Acme", "Beta", "Gamma")) {
            ObjectNode expected = source.get(name).get("customFields").deepCopy();
            if (expected.has("score")) {
                // A key without a definition here arrives as text.
                expected.put("score", "5");
            }
            assertThat(copies.get(name).get("customFields")).as(name).isEqualTo(expected);
        }
        assertThat(imported(export).get("unchanged").asInt()).isEqualTo(3);
    }

    /** Defines typed fields in this test's location. */
    private void typedFields() {
        for (String field : List.of(
                "{\"key\": \"budget\", \"name\": \"Budget\", \"type\": \"number\"}",
                "{\"key\": \"won_big\", \"name\": \"Won big\", \"type\": \"boolean\"}",
                "{\"key\": \"closing\", \"name\": \"Closing\", \"type\": \"date\"}",
                "{\"key\": \"tier\", \"name\": \"Tier\", \"type\": \"select\", \"options\": [\"gold\", \"silver\"]}",
                "{\"key\": \"regions\", \"name\": \"Regions\", \"type\": \"multiselect\","
                        + " \"options\": [\"emea\", \"apac\", \"amer\"]}")) {
            ok(call("POST", at("/custom-fields"), field), 201);
        }
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
