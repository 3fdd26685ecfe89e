package io.dealflow.query.axon;

import io.dealflow.query.axon.SegmentShares.Segment;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentSharesTest {

    private static final Map<String, List<Integer>> EVERY_SEGMENT = Map.of("board", List.of(0, 1),
            "opportunities", List.of(0, 1), "pipelines", List.of(0), "history", List.of(0));

    @Test
    void aNodeAloneKeepsEverySegment() {
        assertThat(SegmentShares.excess(EVERY_SEGMENT, 6, 1)).isEmpty();
    }

    @Test
    void aNodeHoldingEverySegmentGivesHalfToASecondNodeOneSegmentOfEachTwoSegmentProcessorFirst() {
        List<Segment> release = SegmentShares.excess(EVERY_SEGMENT, 6, 2);

        assertThat(release).hasSize(3);
        assertThat(release.subList(0, 2)).containsExactly(new Segment("board", 1), new Segment("opportunities", 1));
    }

    @Test
    void theShareIsRoundedUpSoTheNodesNeverPassASegmentBackAndForth() {
        assertThat(SegmentShares.excess(EVERY_SEGMENT, 6, 4)).hasSize(4);
        assertThat(SegmentShares.excess(Map.of("board", List.of(0), "history", List.of(0)), 6, 4)).isEmpty();
    }

    @Test
    void aNodeWithinItsShareReleasesNothing() {
        assertThat(SegmentShares.excess(Map.of("board", List.of(1), "reports", List.of(0)), 6, 3)).isEmpty();
        assertThat(SegmentShares.excess(Map.of(), 6, 3)).isEmpty();
    }
}
