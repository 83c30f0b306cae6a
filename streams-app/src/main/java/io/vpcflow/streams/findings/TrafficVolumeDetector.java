package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Behavior:EC2/TrafficVolumeUnusual: the bytes an interface sends to one remote address within a bucket reach both
 * {@code findings.traffic-volume.min-bytes} and {@code factor} times the interface's baseline, which is the moving
 * average of its busiest remote per bucket ({@link Baseline}).
 */
final class TrafficVolumeDetector implements Detector {
    static final String NAME = "traffic-volume";
    static final String TYPE = "Behavior:EC2/TrafficVolumeUnusual";

    private final FindingsConfig.TrafficVolume config;

    TrafficVolumeDetector(FindingsConfig.TrafficVolume config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.egress() || f.bytes() == 0) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        String baseKey = "volume-base|" + f.interfaceId();
        Baseline base = Baseline.load(s.fact(baseKey), config.alpha());
        base.roll(bucket, s.bucketMs(), config.factor(), config.minBytes());
        double threshold = base.threshold(config.factor(), config.minBytes());
        long bytes = s.add("volume|" + f.interfaceId() + "|" + f.remoteAddr(), bucket, f.bytes());
        if (bytes >= threshold) {
            sink.raise(new Occurrence(NAME, TYPE, Severity.MEDIUM, f.interfaceId(), f.localActor(), f.remoteAddr(),
                    f.startMs(), 1, List.of(String.format("%,d bytes to %s in one bucket; threshold %,.0f (baseline"
                            + " %,.0f x %.1f, at least %,d)", bytes, f.remoteAddr(), threshold, base.average,
                            config.factor(), config.minBytes()), "latest: " + f.describe())));
        } else {
            base.current = Math.max(base.current, bytes);
        }
        s.fact(baseKey, base.encode());
    }
}
