package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * A security group that keeps rejecting a client inside the network: at least {@code
 * findings.internal-reject.min-attempts} distinct connections (source ports) from one private address to one port
 * of the interface are rejected by a security group within a bucket. A client that retries with new connections
 * expects the path to work, so this is a misconfigured group (a missing rule for an application tier) rather than a
 * scan, which tries each port or host once. Rejects count as in {@link RejectSpikeDetector}.
 */
final class InternalRejectDetector implements Detector {
    static final String NAME = "internal-reject";
    static final String TYPE = "Policy:SecurityGroup/InternalTrafficRejected";

    private final FindingsConfig.InternalReject config;

    InternalRejectDetector(FindingsConfig.InternalReject config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (f.accepted() || !f.ingress() || f.remoteIsPublic() || !RejectSpikeDetector.securityGroupReject(f)) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        String port = f.protocol() + "/" + f.localPort();
        String key = "internal|" + f.interfaceId() + "|" + f.remoteAddr() + "|" + port;
        if (!s.markFirst(key + "|" + f.remotePort(), bucket)) {
            return;
        }
        long attempts = s.add(key, bucket, 1);
        if (attempts >= config.minAttempts()) {
            String group = f.blockingComponent() != null ? f.blockingComponent() : f.interfaceId();
            sink.raise(new Occurrence(NAME, TYPE, Severity.LOW, group, f.remoteAddr(),
                    f.interfaceId() + " port " + port, f.startMs(), attempts == config.minAttempts() ? attempts : 1,
                    List.of(attempts + " connections from " + f.remoteAddr() + " to port " + port + " of "
                            + f.interfaceId() + " rejected by " + group + " in one bucket (threshold "
                            + config.minAttempts() + "); the group has no rule for this client",
                            "latest: " + f.describe())));
        }
    }
}
