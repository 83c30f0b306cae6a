package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * A spike of security-group rejects, per interface and per security group, against the resource's own baseline:
 * rejected flows in a bucket reach both {@code findings.reject-spike.min-rejects} and {@code factor} times the
 * moving average ({@link Baseline}). A reject counts when vpcflow's explanation code is ENI_SG_RULES_MISMATCH, or,
 * on real AWS logs without that field, any reject not blamed on a network ACL. The per-group spike needs the
 * blocking component (vpcflow records); the actor is {@value #ACTOR}, since a spike has many sources.
 */
final class RejectSpikeDetector implements Detector {
    static final String NAME = "reject-spike";
    static final String INTERFACE_TYPE = "Recon:EC2/RejectedTrafficSpike";
    static final String GROUP_TYPE = "Recon:SecurityGroup/RejectedTrafficSpike";
    static final String ACTOR = "many";

    private final FindingsConfig.RejectSpike config;

    RejectSpikeDetector(FindingsConfig.RejectSpike config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (f.accepted() || !securityGroupReject(f)) {
            return;
        }
        spike(INTERFACE_TYPE, f.interfaceId(), f, s, sink);
        String group = f.blockingComponent();
        if (group != null && group.startsWith("sg-")) {
            spike(GROUP_TYPE, group, f, s, sink);
        }
    }

    static boolean securityGroupReject(Flow f) {
        String code = f.explanationCode();
        if (code != null) {
            return code.equals("ENI_SG_RULES_MISMATCH");
        }
        String blocker = f.blockingComponent();
        return blocker == null || blocker.startsWith("sg-");
    }

    private void spike(String type, String resource, Flow f, DetectorState s, FindingSink sink) {
        long bucket = s.bucketOf(f.startMs());
        String baseKey = "spike-base|" + resource;
        Baseline base = Baseline.load(s.fact(baseKey), config.alpha());
        base.roll(bucket, s.bucketMs(), config.factor(), config.minRejects());
        double threshold = base.threshold(config.factor(), config.minRejects());
        base.current += 1;
        s.fact(baseKey, base.encode());
        if (base.current >= threshold) {
            long count = base.current == Math.ceil(threshold) ? (long) base.current : 1;
            sink.raise(new Occurrence(NAME, type, Severity.MEDIUM, resource, ACTOR, f.localAddr(), f.startMs(),
                    count, List.of(String.format("%.0f security-group rejects at %s in one bucket; threshold %.1f"
                            + " (baseline %.2f x %.1f, at least %d)", base.current, resource, threshold,
                            base.average, config.factor(), config.minRejects()), "latest: " + f.describe())));
        }
    }
}
