package io.dealflow.query.board;

import io.dealflow.query.http.Cursor;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional filters of a board: owner, source and tags (every tag given must be on the deal).
 */
record BoardFilter(String assignedTo, String source, List<String> tags) {

    boolean isEmpty() {
        return assignedTo == null && source == null && tags.isEmpty();
    }

    /** SQL conditions on {@code read_model.board_card}, each with its argument appended to {@code arguments}. */
    String conditions(List<Object> arguments) {
        StringBuilder sql = new StringBuilder();
        if (assignedTo != null) {
            sql.append(" AND assigned_to = ?");
            arguments.add(assignedTo);
        }
        if (source != null) {
            sql.append(" AND source = ?");
            arguments.add(source);
        }
        if (!tags.isEmpty()) {
            sql.append(" AND tags @> ?::text[]");
            arguments.add(tags.toArray(String[]::new));
        }
        return sql.toString();
    }

    String fingerprint(String pipelineId) {
        return Cursor.fingerprint(pipelineId, assignedTo, source, new ArrayList<>(tags).toArray());
    }
}
