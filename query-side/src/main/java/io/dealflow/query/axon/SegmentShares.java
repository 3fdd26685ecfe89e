package io.dealflow.query.axon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which segments a node holding more than its share gives away: its share is every segment of every read model
 * divided by the live projections nodes, rounded up; the excess is taken one segment at a time from the processor of
 * which it holds the most, so each processor's segments spread over the nodes too.
 */
final class SegmentShares {

    private SegmentShares() {
    }

    /** A segment of a processor. */
    record Segment(String processor, int segment) {
    }

    /**
     * @param held       the segments this node holds, by processor
     * @param total      the segments of every read model, whoever holds them
     * @param liveNodes  the projections nodes alive, this one included
     */
    static List<Segment> excess(Map<String, List<Integer>> held, int total, int liveNodes) {
        int share = (total + Math.max(1, liveNodes) - 1) / Math.max(1, liveNodes);
        Map<String, List<Integer>> left = new TreeMap<>();
        held.forEach((processor, segments) -> left.put(processor, new ArrayList<>(segments)));
        int holding = left.values().stream().mapToInt(List::size).sum();
        List<Segment> release = new ArrayList<>();
        while (holding > share) {
            Map.Entry<String, List<Integer>> most = left.entrySet().stream()
                    .max(Comparator.comparingInt((Map.Entry<String, List<Integer>> entry) -> entry.getValue().size()))
                    .orElseThrow();
            List<Integer> segments = most.getValue();
            release.add(new Segment(most.getKey(), segments.remove(segments.size() - 1)));
            holding--;
        }
        return release;
    }
}
