package io.dealflow.query.opportunity;

import io.dealflow.query.axon.ProcessorPositions;
import io.dealflow.query.axon.ReadModels;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code total} of a search: the number of every match, remembered per search for as long as the opportunities
 * read model stays where it was when counted. Counting reads every matching row (a common word matches a hundred
 * thousand deals of a million-deal location), while the page itself reads only a page. A repeated search therefore
 * reuses the count taken at the same committed read-model position, which is the exact count of that position, and
 * counts again as soon as the projection has committed anything since.
 */
@Component
class SearchTotals {

    private static final int CAPACITY = 1024;

    private final OpportunityRepository opportunities;
    private final ProcessorPositions positions;
    private final Map<SearchCriteria, Total> totals = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<SearchCriteria, Total> eldest) {
            return size() > CAPACITY;
        }
    };

    SearchTotals(OpportunityRepository opportunities, ProcessorPositions positions) {
        this.opportunities = opportunities;
        this.positions = positions;
    }

    /** How many opportunities match, regardless of paging, as of at least the moment of this call. */
    long count(SearchCriteria criteria) {
        // Read before counting: the count then covers at least this state, so it is never older than its key.
        String state = positions.committedState(ReadModels.OPPORTUNITIES);
        Total known;
        synchronized (totals) {
            known = totals.get(criteria);
        }
        if (known != null && known.state().equals(state)) {
            return known.count();
        }
        long count = opportunities.count(criteria);
        synchronized (totals) {
            totals.put(criteria, new Total(state, count));
        }
        return count;
    }

    private record Total(String state, long count) {
    }
}
