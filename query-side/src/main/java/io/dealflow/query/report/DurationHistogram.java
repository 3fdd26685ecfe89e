package io.dealflow.query.report;

/**
 * Visit lengths counted in buckets of at most 1/64 of their lower bound, from which a percentile is estimated the way
 * PostgreSQL's {@code percentile_cont} computes it exactly: interpolating between the two order statistics around
 * {@code p × (n - 1)}. Each order statistic is estimated inside the bucket that holds it, so the estimate is off the
 * exact value by less than that bucket's width, and the interpolated percentile by at most 1/64 of the exact one.
 *
 * <p>A bucket number is computed with integers only, so the SQL function {@code read_model.report_duration_bucket}
 * (migration V4) gives the same number: lengths below 128 ms have one bucket per millisecond; above, each power of two
 * is split into 64 buckets of equal width. Negative lengths (clocks of two writers disagreeing) count as 0.
 */
final class DurationHistogram {

    static final int SUB_BUCKETS = 64;
    /** Buckets of every length up to {@link Long#MAX_VALUE} milliseconds. */
    static final int BUCKETS = bucket(Long.MAX_VALUE) + 1;

    /** The greatest relative error of an estimated percentile, also stated in docs/reports.md. */
    static final double RELATIVE_ERROR = 1.0 / SUB_BUCKETS;

    private final long[] visits = new long[BUCKETS];
    private long count;

    /** The bucket of a visit length in milliseconds. */
    static int bucket(long millis) {
        long length = Math.max(0, millis);
        int shift = Math.max(0, Long.SIZE - Long.numberOfLeadingZeros(length) - 7);
        return shift * SUB_BUCKETS + (int) (length >> shift);
    }

    /** The shortest length in the bucket. */
    static long lowest(int bucket) {
        int shift = shift(bucket);
        return (long) (bucket - shift * SUB_BUCKETS) << shift;
    }

    /** How many lengths (whole milliseconds) the bucket holds. */
    static long width(int bucket) {
        return 1L << shift(bucket);
    }

    private static int shift(int bucket) {
        return bucket < 2 * SUB_BUCKETS ? 0 : bucket / SUB_BUCKETS - 1;
    }

    void add(int bucket, long visitsInBucket) {
        visits[bucket] += visitsInBucket;
        count += visitsInBucket;
    }

    long count() {
        return count;
    }

    /** The estimated {@code percentile_cont(p)} in milliseconds; there must be at least one visit. */
    double percentile(double p) {
        double position = p * (count - 1);
        long low = (long) Math.floor(position);
        double lowValue = orderStatistic(low);
        double highValue = orderStatistic(Math.min(low + 1, count - 1));
        return lowValue + (position - low) * (highValue - lowValue);
    }

    /**
     * The estimated length of the visit of rank {@code rank} (from 0, shortest first): the visits of its bucket are
     * taken as spread evenly over the bucket's lengths.
     */
    private double orderStatistic(long rank) {
        long before = 0;
        for (int bucket = 0; bucket < visits.length; bucket++) {
            long here = visits[bucket];
            if (rank < before + here) {
                return lowest(bucket) + (width(bucket) - 1) * (rank - before + 0.5) / here;
            }
            before += here;
        }
        throw new IllegalStateException("no visit of rank " + rank + " among " + count);
    }
}
