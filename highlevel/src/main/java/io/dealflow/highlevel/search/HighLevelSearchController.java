package io.dealflow.highlevel.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dealflow.command.http.CommandSender;
import io.dealflow.highlevel.http.DoorCommands;
import io.dealflow.highlevel.http.HighLevelRefusal;
import io.dealflow.highlevel.http.LocationAccess;
import io.dealflow.highlevel.opportunity.HighLevelOpportunity;
import io.dealflow.highlevel.opportunity.HighLevelOpportunityReader;
import io.dealflow.query.axon.ReadModels;
import io.dealflow.query.opportunity.OpportunityCondition;
import io.dealflow.query.opportunity.OpportunityField;
import io.dealflow.query.opportunity.OpportunityReader;
import io.dealflow.query.opportunity.OpportunityView;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /opportunities/search} (query parameters, page or {@code startAfter}/{@code startAfterId} paging, the
 * {@code meta} object) and {@code POST /opportunities/search} (nested filter groups, sort, page or
 * {@code searchAfter}). Both read what is projected; a {@code Consistency-Token} header makes them wait for a command.
 */
@RestController
class HighLevelSearchController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_GET_LIMIT = 100;
    static final int MAX_POST_LIMIT = 500;
    /** Deepest page by number; keeps the row offset well inside an {@code int}. Deeper: page by startAfter. */
    static final int MAX_PAGE = 1_000_000;
    private static final Set<String> STATUSES = Set.of("open", "won", "lost", "abandoned", "all");
    private static final DateTimeFormatter HIGHLEVEL_DATE = DateTimeFormatter.ofPattern("MM-dd-yyyy");

    private final OpportunityReader reader;
    private final LocationAccess access;
    private final DoorCommands commands;

    HighLevelSearchController(OpportunityReader reader, LocationAccess access, DoorCommands commands) {
        this.reader = reader;
        this.access = access;
        this.commands = commands;
    }

    @GetMapping("/opportunities/search")
    SearchAnswer search(@RequestParam MultiValueMap<String, String> parameters,
                        @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER, required = false)
                        String consistencyToken) {
        String location = parameters.getFirst("location_id") != null ? parameters.getFirst("location_id")
                : parameters.getFirst("locationId");
        String locationId = access.require(location, "location_id");
        List<String> problems = new ArrayList<>();
        List<OpportunityCondition> conditions = new ArrayList<>();
        equal(conditions, OpportunityField.ID, parameters.getFirst("id"));
        equal(conditions, OpportunityField.PIPELINE_ID, parameters.getFirst("pipeline_id"));
        equal(conditions, OpportunityField.STAGE_ID, parameters.getFirst("pipeline_stage_id"));
        equal(conditions, OpportunityField.CONTACT_ID, parameters.getFirst("contact_id"));
        equal(conditions, OpportunityField.ASSIGNED_TO, parameters.getFirst("assigned_to"));
        String status = parameters.getFirst("status");
        if (status != null && !status.isBlank()) {
            if (!STATUSES.contains(status)) {
                problems.add("status must be one of the following values: open, won, lost, abandoned, all");
            } else if (!status.equals("all")) {
                equal(conditions, OpportunityField.STATUS, status);
            }
        }
        String q = parameters.getFirst("q");
        if (q != null && !q.isBlank()) {
            conditions.add(OpportunityCondition.textHolds(q.trim()));
        }
        OffsetDateTime from = date(parameters.getFirst("date"), "date", problems);
        if (from != null) {
            conditions.add(OpportunityCondition.createdFrom(from));
        }
        OffsetDateTime to = date(parameters.getFirst("endDate"), "endDate", problems);
        if (to != null) {
            conditions.add(OpportunityCondition.createdBefore(to.plusDays(1)));
        }
        String order = parameters.getFirst("order") == null ? "added_desc" : parameters.getFirst("order");
        if (!order.equals("added_desc") && !order.equals("added_asc")) {
            problems.add("order must be one of the following values: added_desc, added_asc");
        }
        boolean descending = !order.equals("added_asc");
        int limit = integer(parameters.getFirst("limit"), DEFAULT_LIMIT, "limit", problems);
        if (limit < 1 || limit > MAX_GET_LIMIT) {
            problems.add("limit must be between 1 and " + MAX_GET_LIMIT);
        }
        int page = integer(parameters.getFirst("page"), 1, "page", problems);
        if (page < 1) {
            problems.add("page must not be less than 1");
        } else if (page > MAX_PAGE) {
            problems.add("page must not be greater than " + MAX_PAGE);
        }
        String startAfter = parameters.getFirst("startAfter");
        String startAfterId = parameters.getFirst("startAfterId");
        boolean keyset = startAfter != null && !startAfter.isBlank();
        OffsetDateTime after = null;
        if (keyset) {
            after = SearchFilters.timestamp(startAfter.matches("[0-9]{1,15}")
                    ? JsonNodeFactory.instance.textNode(startAfter) : null);
            if (after == null) {
                problems.add("startAfter must be epoch milliseconds in the years 0001 to 9999");
                keyset = false;
            }
        }
        if (!problems.isEmpty()) {
            throw HighLevelRefusal.invalid(problems);
        }
        OpportunityCondition filters = all(conditions);
        OpportunityCondition where = filters;
        if (keyset) {
            OpportunityCondition keysetCondition = OpportunityCondition.createdAfterInOrder(descending, after,
                    startAfterId == null || startAfterId.isBlank() ? null : startAfterId);
            where = where == null ? keysetCondition : where.and(keysetCondition);
        }
        commands.awaitToken(consistencyToken, ReadModels.OPPORTUNITIES);
        SearchOrder searchOrder = SearchOrder.by(List.of(new SearchOrder.Key(SearchField.DATE_ADDED, descending)));
        List<OpportunityReader.Hit> hits = reader.page(locationId, where, searchOrder.order(),
                keyset ? 0 : (page - 1) * limit, limit + 1);
        long total = reader.count(locationId, filters);
        boolean more = hits.size() > limit;
        List<OpportunityReader.Hit> shown = more ? hits.subList(0, limit) : hits;
        return new SearchAnswer(opportunities(shown), meta(total, page, more, shown), Map.of());
    }

    @PostMapping("/opportunities/search")
    AdvancedSearchAnswer search(@RequestBody JsonNode body,
                                @RequestHeader(name = CommandSender.CONSISTENCY_TOKEN_HEADER, required = false)
                                String consistencyToken) {
        if (!body.isObject()) {
            throw HighLevelRefusal.invalid("the body must be a JSON object");
        }
        String locationId = access.require(body.path("locationId").asText(null), "locationId");
        List<String> problems = new ArrayList<>();
        List<OpportunityCondition> conditions = new ArrayList<>();
        String query = body.path("query").asText("");
        if (!query.isBlank()) {
            conditions.add(OpportunityCondition.textHolds(query.trim()));
        }
        OpportunityCondition filtered = new SearchFilters(problems).all(body.get("filters"), "filters");
        if (filtered != null) {
            conditions.add(filtered);
        }
        SearchOrder order = SearchOrder.by(sortKeys(body.get("sort"), problems));
        int limit = whole(body, "limit", DEFAULT_LIMIT);
        if (limit < 1 || limit > MAX_POST_LIMIT) {
            problems.add("limit must be an integer between 1 and " + MAX_POST_LIMIT);
        }
        int page = whole(body, "page", 1);
        if (page < 1 || page > MAX_PAGE) {
            problems.add("page must be an integer between 1 and " + MAX_PAGE);
        }
        JsonNode searchAfter = body.get("searchAfter");
        boolean keyset = searchAfter != null && !searchAfter.isNull()
                && !(searchAfter.isArray() && searchAfter.isEmpty());
        OpportunityCondition filters = all(conditions);
        OpportunityCondition where = filters;
        if (keyset) {
            OpportunityCondition after = order.after(searchAfter, problems, "searchAfter");
            if (after != null) {
                where = where == null ? after : where.and(after);
            }
        }
        if (!problems.isEmpty()) {
            throw HighLevelRefusal.invalid(problems);
        }
        commands.awaitToken(consistencyToken, ReadModels.OPPORTUNITIES);
        List<OpportunityReader.Hit> hits = reader.page(locationId, where, order.order(),
                keyset ? 0 : (page - 1) * limit, limit);
        long total = reader.count(locationId, filters);
        List<Object> last = hits.isEmpty() ? null : hits.get(hits.size() - 1).sortValues();
        return new AdvancedSearchAnswer(opportunities(hits), total, Map.of(), last);
    }

    private static List<SearchOrder.Key> sortKeys(JsonNode sort, List<String> problems) {
        List<SearchOrder.Key> keys = new ArrayList<>();
        if (sort == null || sort.isNull()) {
            return keys;
        }
        JsonNode list = sort.isArray() ? sort : JsonNodeFactory.instance.arrayNode().add(sort);
        for (int i = 0; i < list.size(); i++) {
            JsonNode entry = list.get(i);
            SearchField field = SearchField.named(entry.path("field").asText("")).orElse(null);
            if (field == null || !field.sortable()) {
                problems.add("sort." + i + ".field must be one of the following values: date_added, date_updated,"
                        + " monetary_value, name, last_stage_change_date, id");
                continue;
            }
            String direction = entry.path("direction").asText("desc").toLowerCase(Locale.ROOT);
            if (!direction.equals("asc") && !direction.equals("desc")) {
                problems.add("sort." + i + ".direction must be one of the following values: asc, desc");
                continue;
            }
            keys.add(new SearchOrder.Key(field, direction.equals("desc")));
        }
        return keys;
    }

    private static List<HighLevelOpportunity> opportunities(List<OpportunityReader.Hit> hits) {
        return hits.stream().map(hit -> HighLevelOpportunityReader.opportunity(hit.opportunity())).toList();
    }

    /** The conditions, every one of which must hold; null when there are none. */
    private static OpportunityCondition all(List<OpportunityCondition> conditions) {
        return conditions.stream().reduce(OpportunityCondition::and).orElse(null);
    }

    private static SearchMeta meta(long total, int page, boolean more, List<OpportunityReader.Hit> shown) {
        OpportunityView last = shown.isEmpty() ? null : shown.get(shown.size() - 1).opportunity();
        Long startAfter = last == null ? null : (Long) shown.get(shown.size() - 1).sortValues().get(0);
        String nextPageUrl = !more ? null : ServletUriComponentsBuilder.fromCurrentRequest()
                .replaceQueryParam("startAfter", startAfter)
                .replaceQueryParam("startAfterId", last.id())
                .replaceQueryParam("page", page + 1)
                .build().toUriString();
        return new SearchMeta(total, nextPageUrl, last == null ? null : last.id(), startAfter, page,
                more ? page + 1 : null, page > 1 ? page - 1 : null);
    }

    private static void equal(List<OpportunityCondition> conditions, OpportunityField field, String value) {
        if (value != null && !value.isBlank()) {
            conditions.add(OpportunityCondition.is(field, value.trim()));
        }
    }

    /**
     * A whole-number field of the body, {@code otherwise} when absent, -1 when it is no whole number an {@code int}
     * holds (a fraction, text, or a value that {@code asInt} would silently wrap).
     */
    private static int whole(JsonNode body, String field, int otherwise) {
        JsonNode value = body.get(field);
        if (value == null) {
            return otherwise;
        }
        return value.isIntegralNumber() && value.canConvertToInt() ? value.intValue() : -1;
    }

    private static int integer(String value, int otherwise, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            problems.add(name + " must be an integer");
            return otherwise;
        }
    }

    /** A HighLevel date ({@code mm-dd-yyyy}) as the start of that day, UTC. */
    private static OffsetDateTime date(String value, String name, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        if (text.matches("[0-9]{2}-[0-9]{2}-[0-9]{4}")) {
            try {
                return LocalDate.parse(text, HIGHLEVEL_DATE).atStartOfDay().atOffset(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        problems.add(name + " must be a date as mm-dd-yyyy");
        return null;
    }

    /** Answer of the parameter search. */
    record SearchAnswer(List<HighLevelOpportunity> opportunities, SearchMeta meta, Map<String, Object> aggregations) {
    }

    /**
     * Paging of the parameter search: {@code startAfter}/{@code startAfterId} are the last hit's creation time (epoch
     * milliseconds) and id; {@code nextPageUrl} asks for the page after it, null on the last page.
     */
    record SearchMeta(long total, String nextPageUrl, String startAfterId, Long startAfter, int currentPage,
                      Integer nextPage, Integer prevPage) {
    }

    /**
     * Answer of the filter search; {@code searchAfter} holds the last hit's sort values, to send back for the next
     * page (null when there was no hit).
     */
    record AdvancedSearchAnswer(List<HighLevelOpportunity> opportunities, long total,
                                Map<String, Object> aggregations, List<Object> searchAfter) {
    }
}
