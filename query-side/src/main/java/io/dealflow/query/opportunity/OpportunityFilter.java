package io.dealflow.query.opportunity;

import io.dealflow.query.http.BadParameter;
import io.dealflow.query.http.QueryParameters;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The filters of {@code GET /opportunities} (everything but sort and paging), read from named parameters: the search
 * itself, the CSV export and the filter of a bulk operation all read them here, so they mean the same everywhere.
 */
public final class OpportunityFilter {

    /** The parameter names a filter reads; {@code tag} may repeat. */
    public static final Set<String> PARAMETERS = Set.of("pipelineId", "stageId", "status", "assignedTo", "source",
            "tag", "contactId", "q", "createdFrom", "createdTo", "valueMin", "valueMax");
    private static final Set<String> STATUSES = Set.of("open", "won", "lost", "abandoned", "all");

    private final SearchCriteria criteria;

    private OpportunityFilter(SearchCriteria criteria) {
        this.criteria = criteria;
    }

    /**
     * Reads the filter of a location from parameters by name (null or empty when absent); a bad value is a
     * {@link BadParameter} naming it.
     */
    public static OpportunityFilter of(String locationId, Function<String, String[]> parameters) {
        String location = QueryParameters.location(locationId);
        String status = first(parameters, "status");
        String statusFilter = status == null || status.isBlank() ? "open" : status.strip().toLowerCase(Locale.ROOT);
        if (!STATUSES.contains(statusFilter)) {
            throw new BadParameter("status", "must be one of open, won, lost, abandoned, all");
        }
        String q = first(parameters, "q");
        String text = q == null || q.isBlank() ? null : QueryParameters.text("q", q.strip());
        Instant from = QueryParameters.instant("createdFrom", first(parameters, "createdFrom"));
        Instant to = QueryParameters.instant("createdTo", first(parameters, "createdTo"));
        BigDecimal min = QueryParameters.decimal("valueMin", first(parameters, "valueMin"));
        BigDecimal max = QueryParameters.decimal("valueMax", first(parameters, "valueMax"));
        String[] tags = parameters.apply("tag");
        List<String> tagList = tags == null ? List.of() : Arrays.stream(tags).filter(tag -> !tag.isEmpty()).toList();
        return new OpportunityFilter(new SearchCriteria(location,
                QueryParameters.text("pipelineId", first(parameters, "pipelineId")),
                QueryParameters.text("stageId", first(parameters, "stageId")),
                statusFilter.equals("all") ? null : statusFilter,
                QueryParameters.text("assignedTo", first(parameters, "assignedTo")),
                QueryParameters.text("source", first(parameters, "source")), tagList,
                QueryParameters.text("contactId", first(parameters, "contactId")), text, from, to, min, max));
    }

    SearchCriteria criteria() {
        return criteria;
    }

    /** The location the filter reads. */
    public String locationId() {
        return criteria.locationId();
    }

    private static String first(Function<String, String[]> parameters, String name) {
        String[] values = parameters.apply(name);
        return values == null || values.length == 0 ? null : values[0];
    }
}
