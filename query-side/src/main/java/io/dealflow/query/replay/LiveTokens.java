package io.dealflow.query.replay;

import io.dealflow.query.axon.QuerySchema;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The committed tokens of a live processor, one per segment: which events its rows reflect. An event is covered by
 * the segment its aggregate hashes to when its global index is at or below the segment's index and not one of its
 * gaps.
 */
record LiveTokens(List<SegmentToken> segments) {

    /** The tokens committed in {@code read_model.token_entry} for the processor; empty before it first ran. */
    static LiveTokens read(JdbcTemplate jdbc, Serializer serializer, String processor) {
        List<Object[]> rows = jdbc.query(SchemaRedirect.LIVE + "SELECT segment, token, token_type FROM "
                        + QuerySchema.SCHEMA + ".token_entry WHERE processor_name = ? ORDER BY segment",
                (rs, n) -> new Object[]{rs.getInt(1), rs.getBytes(2), rs.getString(3)}, processor);
        int[] ids = rows.stream().mapToInt(row -> (Integer) row[0]).toArray();
        List<SegmentToken> segments = new ArrayList<>();
        for (Object[] row : rows) {
            Segment segment = Segment.computeSegment((Integer) row[0], ids);
            long index = -1;
            Set<Long> gaps = Set.of();
            if (row[1] != null) {
                TrackingToken token = WrappedToken.unwrapLowerBound(serializer.deserialize(
                        new SimpleSerializedObject<>((byte[]) row[1], byte[].class, (String) row[2], null)));
                if (token instanceof GapAwareTrackingToken gapAware) {
                    index = gapAware.getIndex();
                    gaps = gapAware.getGaps();
                } else if (token != null) {
                    index = token.position().orElse(-1);
                }
            }
            segments.add(new SegmentToken(segment, index, gaps));
        }
        return new LiveTokens(segments);
    }

    /** The highest index below which every segment has seen every event: no gap, nothing unprocessed. */
    long settled() {
        return segments.stream().mapToLong(segment -> segment.gaps().isEmpty() ? segment.index()
                : Math.min(segment.index(), segment.gaps().iterator().next() - 1)).min().orElse(-1);
    }

    /** The lowest segment index: the processor's position. */
    long position() {
        return segments.stream().mapToLong(SegmentToken::index).min().orElse(-1);
    }

    /** The highest segment index. */
    long reach() {
        return segments.stream().mapToLong(SegmentToken::index).max().orElse(-1);
    }

    /** Whether the live rows reflect this event of this aggregate. */
    boolean covers(long globalIndex, String aggregateId) {
        for (SegmentToken segment : segments) {
            if (segment.segment().matches(aggregateId)) {
                return globalIndex <= segment.index() && !segment.gaps().contains(globalIndex);
            }
        }
        return false;
    }

    /** One segment's committed position. */
    record SegmentToken(Segment segment, long index, Set<Long> gaps) {
    }
}
