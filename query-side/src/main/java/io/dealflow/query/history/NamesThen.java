package io.dealflow.query.history;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names of pipelines and stages as they were when an event happened, from the versions the history projection keeps:
 * the version in force at the event's global index, or, for a stage removed by then, its last name.
 */
final class NamesThen {

    private final Map<String, List<Named>> pipelines = new HashMap<>();
    private final Map<String, List<Named>> stages = new HashMap<>();

    private NamesThen() {
    }

    /** Every version of these pipelines and their stages, in two queries. */
    static NamesThen of(JdbcTemplate jdbc, Collection<String> pipelineIds) {
        NamesThen names = new NamesThen();
        if (pipelineIds.isEmpty()) {
            return names;
        }
        Object ids = pipelineIds.toArray(String[]::new);
        jdbc.query("SELECT pipeline_id, name, from_index FROM read_model.pipeline_version"
                        + " WHERE pipeline_id = ANY(?) ORDER BY from_index",
                (ResultSet rs) -> {
                    names.pipelines.computeIfAbsent(rs.getString(1), id -> new ArrayList<>())
                            .add(new Named(rs.getString(2), rs.getLong(3)));
                }, ids);
        jdbc.query("SELECT pipeline_id, stage_id, name, from_index FROM read_model.stage_version"
                        + " WHERE pipeline_id = ANY(?) ORDER BY from_index",
                (ResultSet rs) -> {
                    names.stages.computeIfAbsent(rs.getString(1) + "/" + rs.getString(2), id -> new ArrayList<>())
                            .add(new Named(rs.getString(3), rs.getLong(4)));
                }, ids);
        return names;
    }

    /** The pipeline's name at that global index, or null when unknown. */
    String pipeline(String pipelineId, long globalIndex) {
        return at(pipelines.get(pipelineId), globalIndex);
    }

    /** The stage's name at that global index, or null when unknown. */
    String stage(String pipelineId, String stageId, long globalIndex) {
        return at(stages.get(pipelineId + "/" + stageId), globalIndex);
    }

    private static String at(List<Named> versions, long globalIndex) {
        if (versions == null) {
            return null;
        }
        String name = null;
        for (Named version : versions) {
            if (version.fromIndex() > globalIndex) {
                break;
            }
            name = version.name();
        }
        return name;
    }

    private record Named(String name, long fromIndex) {
    }
}
