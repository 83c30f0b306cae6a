package io.vpcflow.streams.findings;

/**
 * An exponentially weighted moving average of one value per bucket, kept as a fact string. A bucket's value teaches
 * the average when the bucket closes, unless it was anomalous (at or above the threshold), so an attack does not
 * raise the bar for the next one. Buckets without traffic count as zero.
 */
final class Baseline {
    private final double alpha;
    double average;
    long bucket = Long.MIN_VALUE;
    double current;

    private Baseline(double alpha) {
        this.alpha = alpha;
    }

    static Baseline load(String fact, double alpha) {
        Baseline b = new Baseline(alpha);
        if (fact != null) {
            String[] parts = fact.split(";");
            b.average = Double.parseDouble(parts[0]);
            b.bucket = Long.parseLong(parts[1]);
            b.current = Double.parseDouble(parts[2]);
        }
        return b;
    }

    /** Moves to {@code newBucket}, teaching the average with the closed bucket's value and empty buckets between. */
    void roll(long newBucket, long bucketMs, double factor, double minimum) {
        if (bucket == Long.MIN_VALUE) {
            bucket = newBucket;
            return;
        }
        if (newBucket <= bucket) {
            return;
        }
        if (current < threshold(factor, minimum)) {
            average = alpha * current + (1 - alpha) * average;
        }
        long empty = (newBucket - bucket) / bucketMs - 1;
        average *= Math.pow(1 - alpha, Math.min(empty, 1_000));
        bucket = newBucket;
        current = 0;
    }

    double threshold(double factor, double minimum) {
        return Math.max(minimum, factor * average);
    }

    String encode() {
        return average + ";" + bucket + ";" + current;
    }
}
