package io.dealflow.standalone;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One operation (method and path) of the server's OpenAPI document, with what a client can put in it: path
 * variables, query parameters and, when it takes one, the fields of its JSON body (as paths like
 * {@code stages[0].name}).
 */
record ApiOperation(String method, String path, List<String> pathVariables, List<String> queryParameters,
                    boolean takesBody, List<String> bodyFields) {

    private static final Pattern VARIABLE = Pattern.compile("\\{([^}]+)}");
    /** The HighLevel search takes its filters as one map of query parameters; these are the ones it reads. */
    private static final List<String> HIGHLEVEL_SEARCH_PARAMETERS = List.of("location_id", "locationId", "status",
            "limit", "page", "startAfter", "startAfterId", "date", "endDate", "order", "q", "pipeline_id",
            "pipeline_stage_id", "assigned_to", "contact_id", "id");
    /** Commands documented without a body still parse one (an empty JSON object) when sent. */
    private static final Pattern BODILESS_COMMAND = Pattern.compile(
            ".*/(mark-won|mark-abandoned|restore|complete|reopen)$");

    /** Every operation of the document, in document order. */
    static List<ApiOperation> all(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        JsonNode schemas = document.path("components").path("schemas");
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields(); methods.hasNext(); ) {
                Map.Entry<String, JsonNode> method = methods.next();
                operations.add(of(method.getKey().toUpperCase(Locale.ROOT), path.getKey(), method.getValue(),
                        schemas));
            }
        }
        return operations;
    }

    /** Whether the operation belongs to the HighLevel-compatible door, which answers errors in HighLevel's shape. */
    boolean highLevel() {
        return !path.startsWith("/api/v1/") && !path.startsWith("/actuator") && !path.startsWith("/v3/");
    }

    boolean reads() {
        return method.equals("GET");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    private static ApiOperation of(String method, String path, JsonNode operation, JsonNode schemas) {
        List<String> variables = new ArrayList<>();
        for (Matcher matcher = VARIABLE.matcher(path); matcher.find(); ) {
            variables.add(matcher.group(1));
        }
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (parameter.path("in").asText().equals("query")) {
                if (parameter.path("schema").path("type").asText().isEmpty()
                        && parameter.get("name").asText().equals("parameters")) {
                    query.addAll(HIGHLEVEL_SEARCH_PARAMETERS);
                } else {
                    query.add(parameter.get("name").asText());
                }
            }
        }
        JsonNode body = operation.path("requestBody").path("content").path("application/json").path("schema");
        List<String> fields = new ArrayList<>();
        if (!body.isMissingNode()) {
            JsonNode schema = resolve(body, schemas);
            if (schema.path("properties").isEmpty()) {
                // An untyped body (the HighLevel advanced search): the fields it reads.
                fields.addAll(List.of("locationId", "query", "filters", "filters[0].field", "filters[0].operator",
                        "filters[0].value", "filters[0].value.gte", "sort", "sort[0].field", "sort[0].direction",
                        "limit", "page", "searchAfter", "searchAfter[0]"));
            }
            collect("", schema, schemas, fields, 0);
        }
        boolean takesBody = !body.isMissingNode() || BODILESS_COMMAND.matcher(path).matches();
        return new ApiOperation(method, path, variables, query, takesBody, fields);
    }

    private static void collect(String prefix, JsonNode schema, JsonNode schemas, List<String> fields, int depth) {
        for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
             properties.hasNext(); ) {
            Map.Entry<String, JsonNode> property = properties.next();
            String field = prefix + property.getKey();
            fields.add(field);
            JsonNode type = resolve(property.getValue(), schemas);
            if (depth > 1) {
                continue;
            }
            if (type.path("type").asText().equals("array")) {
                JsonNode items = resolve(type.path("items"), schemas);
                fields.add(field + "[0]");
                collect(field + "[0].", items, schemas, fields, depth + 1);
            } else if (type.has("properties")) {
                collect(field + ".", type, schemas, fields, depth + 1);
            } else if (type.path("type").asText().equals("object")) {
                fields.add(field + ".k");
            }
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode schemas) {
        String reference = schema.path("$ref").asText();
        return reference.isEmpty() ? schema : schemas.path(reference.substring(reference.lastIndexOf('/') + 1));
    }
}
