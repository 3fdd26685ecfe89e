package io.dealflow.query.axon;

import io.dealflow.eventstore.EventStoreLayout;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Tells whether projections have processed the event store up to a global index, judged by the tokens committed in
 * {@code read_model.token_entry}. Committed tokens are what every query-side instance sees, whichever instance holds
 * a segment, and a token commits with the rows it describes.
 *
 * <p>A segment covers index {@code N} when its token is at or past {@code N} without an unprocessed event at or before
 * {@code N}. A pooled processor writes the token of a segment that received nothing to handle only when it renews its
 * claim (every {@link ProjectionSettings#claimExtension()}), so a segment whose stored token is behind still covers
 * {@code N} when none of the events it has not consumed up to {@code N} belongs to it: none of a type its projection
 * handles and of an aggregate hashed to the segment. Without that, every read-your-writes query would wait for the
 * slowest claim renewal.
 */
@Component
public class ProcessorPositions {

    /** Beyond this many events to inspect, a lagging segment simply counts as behind. */
    private static final int MAX_PENDING_EVENTS = 20_000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final Map<String, Boolean> handledTypes = new ConcurrentHashMap<>();

    ProcessorPositions(JdbcTemplate jdbc, Serializer serializer,
                       ObjectProvider<EventProcessingConfiguration> processing) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.processing = processing;
    }

    /** Whether every segment of every named processor has processed every event up to {@code globalIndex}. */
    public boolean cover(long globalIndex, Collection<String> processors) {
        List<SegmentPosition> behind = new ArrayList<>();
        for (String processor : processors) {
            List<SegmentPosition> segments = positionsOf(processor);
            if (segments.isEmpty()) {
                return false;
            }
            for (SegmentPosition segment : segments) {
                if (!segment.reached(globalIndex)) {
                    behind.add(segment);
                }
            }
        }
        return behind.isEmpty() || noneConcerns(behind, globalIndex);
    }

    /**
     * The tokens the processor's segments have committed, in segment order, as one value: it changes whenever a batch
     * of that processor commits, which is whenever its rows may have changed (rows and token commit together).
     */
    public String committedState(String processor) {
        StringBuilder state = new StringBuilder();
        jdbc.query("SELECT segment, token FROM " + QuerySchema.SCHEMA + ".token_entry WHERE processor_name = ?"
                + " ORDER BY segment", (ResultSet rs) -> {
            byte[] token = rs.getBytes(2);
            state.append(rs.getInt(1)).append(':')
                    .append(token == null ? "-" : Base64.getEncoder().encodeToString(token)).append(';');
        }, processor);
        return state.toString();
    }

    /**
     * The processor's position: the lowest global index its segments have committed ({@code -1} before it first ran).
     * An idle segment writes its token only when it renews its claim, so this trails the head by up to a second even
     * when nothing is left to process.
     */
    public long position(String processor) {
        return positionsOf(processor).stream().mapToLong(SegmentPosition::index).min().orElse(-1);
    }

    private List<SegmentPosition> positionsOf(String processor) {
        List<Object[]> rows = jdbc.query(
                "SELECT segment, token, token_type FROM " + QuerySchema.SCHEMA + ".token_entry"
                        + " WHERE processor_name = ? ORDER BY segment",
                (rs, n) -> new Object[]{rs.getInt(1), rs.getBytes(2), rs.getString(3)}, processor);
        int[] ids = rows.stream().mapToInt(row -> (Integer) row[0]).toArray();
        List<SegmentPosition> positions = new ArrayList<>();
        for (Object[] row : rows) {
            Segment segment = Segment.computeSegment((Integer) row[0], ids);
            positions.add(position(processor, segment, (byte[]) row[1], (String) row[2]));
        }
        return positions;
    }

    private SegmentPosition position(String processor, Segment segment, byte[] token, String tokenType) {
        if (token == null) {
            return new SegmentPosition(processor, segment, -1, Set.of());
        }
        TrackingToken stored = serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
        TrackingToken lowerBound = WrappedToken.unwrapLowerBound(stored);
        if (lowerBound instanceof GapAwareTrackingToken gapAware) {
            return new SegmentPosition(processor, segment, gapAware.getIndex(), gapAware.getGaps());
        }
        long index = lowerBound == null ? -1 : lowerBound.position().orElse(-1);
        return new SegmentPosition(processor, segment, index, Set.of());
    }

    private boolean noneConcerns(List<SegmentPosition> behind, long globalIndex) {
        // At least the token's own event is read: a segment past it that is "behind" only for a gap below it (an append
        // that rolled back: a dry-run import, a lost race) covers it once that gap holds no stored event.
        long from = Math.min(globalIndex - 1,
                behind.stream().mapToLong(SegmentPosition::index).min().orElse(globalIndex));
        Set<Long> gaps = behind.stream().flatMap(segment -> segment.gaps().stream())
                .filter(gap -> gap <= globalIndex && gap <= from)
                .collect(Collectors.toCollection(TreeSet::new));
        if (globalIndex - from + gaps.size() > MAX_PENDING_EVENTS) {
            return false;
        }
        List<PendingEvent> pending = new ArrayList<>(jdbc.query(
                "SELECT global_index, aggregate_identifier, payload_type FROM " + EventStoreLayout.EVENT_TABLE
                        + " WHERE global_index > ? AND global_index <= ?",
                (rs, n) -> new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3)), from, globalIndex));
        if (pending.stream().noneMatch(event -> event.globalIndex() == globalIndex)) {
            // Every token a command answers is the index of a stored event; this one is not (yet), so nothing can
            // be said to cover it.
            return false;
        }
        if (!gaps.isEmpty()) {
            String marks = String.join(",", Collections.nCopies(gaps.size(), "?"));
            pending.addAll(jdbc.query(
                    "SELECT global_index, aggregate_identifier, payload_type FROM " + EventStoreLayout.EVENT_TABLE
                            + " WHERE global_index IN (" + marks + ")",
                    (rs, n) -> new PendingEvent(rs.getLong(1), rs.getString(2), rs.getString(3)), gaps.toArray()));
        }
        for (SegmentPosition segment : behind) {
            for (PendingEvent event : pending) {
                if (segment.hasNotConsumed(event.globalIndex())
                        && segment.segment().matches(event.aggregateId())
                        && handles(segment.processor(), event.payloadType())) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean handles(String processor, String payloadType) {
        return handledTypes.computeIfAbsent(processor + "/" + payloadType, key -> {
            var eventProcessor = processing.getObject().eventProcessor(processor).orElse(null);
            if (!(eventProcessor instanceof AbstractEventProcessor abstractProcessor)) {
                return true;
            }
            try {
                Class<?> type = Class.forName(payloadType, false, getClass().getClassLoader());
                return abstractProcessor.eventHandlerInvoker().canHandleType(type);
            } catch (ClassNotFoundException e) {
                // No class, no handler: the processor skips such events too.
                return false;
            }
        });
    }

    private record SegmentPosition(String processor, Segment segment, long index, Set<Long> gaps) {

        boolean reached(long globalIndex) {
            return index >= globalIndex && gaps.stream().noneMatch(gap -> gap <= globalIndex);
        }

        boolean hasNotConsumed(long globalIndex) {
            return globalIndex > index || gaps.contains(globalIndex);
        }
    }

    private record PendingEvent(long globalIndex, String aggregateId, String payloadType) {
    }
}
