package io.dealflow.query.report;

import io.dealflow.query.ProjectionHarness;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/**
 * The buckets of visit lengths and the percentiles estimated from them: buckets tile the lengths without gaps and are
 * at most 1/64 of their lower bound wide, the SQL function numbers them like the Java code, and an estimated
 * percentile stays within 1/64 of the exact {@code percentile_cont}.
 */
class DurationHistogramTest {

    @Test
    void bucketsTileEveryLengthAndAreAtMostOneSixtyFourthWide() {
        for (int bucket = 0; bucket < DurationHistogram.BUCKETS; bucket++) {
            long lowest = DurationHistogram.lowest(bucket);
            long width = DurationHistogram.width(bucket);
            assertThat(DurationHistogram.bucket(lowest)).as("lowest of %d", bucket).isEqualTo(bucket);
            assertThat(DurationHistogram.bucket(lowest + width - 1)).as("highest of %d", bucket).isEqualTo(bucket);
            assertThat(width).as("width of %d", bucket).isLessThanOrEqualTo(Math.max(1, lowest / 64));
            if (bucket + 1 < DurationHistogram.BUCKETS) {
                assertThat(DurationHistogram.lowest(bucket + 1)).as("next of %d", bucket).isEqualTo(lowest + width);
            }
        }
        assertThat(DurationHistogram.bucket(-5)).isZero();
    }

    @Test
    void sqlFunctionNumbersBucketsLikeTheProjection() {
        JdbcTemplate jdbc = ProjectionHarness.freshReadModel();
        List<Long> lengths = new ArrayList<>();
        for (long length = -3; length < 5000; length++) {
            lengths.add(length);
        }
        for (int bit = 7; bit < 63; bit++) {
            lengths.addAll(List.of((1L << bit) - 1, 1L << bit, (1L << bit) + 1));
        }
        lengths.add(Long.MAX_VALUE);
        new Random(7).longs(5000, 0, 400L * 86_400_000).forEach(lengths::add);

        List<Integer> sql = jdbc.queryForList("SELECT read_model.report_duration_bucket(length)"
                + " FROM unnest(?::bigint[]) WITH ORDINALITY AS l (length, n) ORDER BY n", Integer.class,
                (Object) lengths.toArray(Long[]::new));

        assertThat(sql).isEqualTo(lengths.stream().map(DurationHistogram::bucket).toList());
    }

    @Test
    void estimatedPercentilesStayWithinOneSixtyFourthOfTheExactOnes() {
        Random random = new Random(42);
        List<LongSupplier> distributions = List.of(
                () -> 1 + random.nextInt(200),
                () -> 1 + random.nextLong(864_000_000L),
                () -> (long) Math.exp(random.nextDouble() * Math.log(90 * 86_400_000.0)) + 1,
                () -> random.nextBoolean() ? 1_000 : 50_000_000);
        for (LongSupplier distribution : distributions) {
            for (int samples : new int[]{1, 2, 3, 7, 10, 11, 101, 2_000}) {
                long[] lengths = new long[samples];
                DurationHistogram histogram = new DurationHistogram();
                for (int i = 0; i < samples; i++) {
                    lengths[i] = distribution.getAsLong();
                    histogram.add(DurationHistogram.bucket(lengths[i]), 1);
                }
                Arrays.sort(lengths);
                for (double p : new double[]{0.5, 0.9}) {
                    double exact = percentileCont(lengths, p);
                    assertThat(histogram.percentile(p)).as("p%s of %s", p, Arrays.toString(lengths))
                            .isBetween(exact * (1 - DurationHistogram.RELATIVE_ERROR) - 1e-6,
                                    exact * (1 + DurationHistogram.RELATIVE_ERROR) + 1e-6);
                }
            }
        }
    }

    @Test
    void lengthsBelow128MillisecondsAreExact() {
        DurationHistogram histogram = new DurationHistogram();
        for (long length : new long[]{3, 5, 90, 127}) {
            histogram.add(DurationHistogram.bucket(length), 1);
        }

        assertThat(histogram.percentile(0.5)).isEqualTo(47.5);
        assertThat(histogram.percentile(0.9)).isCloseTo(115.9, offset(1e-9));
    }

    /** PostgreSQL's percentile_cont: linear interpolation between the samples around p × (n - 1). */
    private static double percentileCont(long[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
