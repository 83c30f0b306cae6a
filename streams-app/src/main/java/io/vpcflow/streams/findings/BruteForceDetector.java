package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * UnauthorizedAccess:EC2/SSHBruteForce and RDPBruteForce: at least {@code findings.brute-force.min-attempts} short
 * TCP connections (at most {@code max-packets} packets each, so interactive sessions do not count) from one remote
 * address to port 22 or 3389 of the interface within a bucket. Connections are told apart by their source port.
 */
final class BruteForceDetector implements Detector {
    static final String NAME = "brute-force";
    static final String SSH = "UnauthorizedAccess:EC2/SSHBruteForce";
    static final String RDP = "UnauthorizedAccess:EC2/RDPBruteForce";

    private final FindingsConfig.BruteForce config;

    BruteForceDetector(FindingsConfig.BruteForce config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (f.protocol() != Flow.TCP || !f.openedByRemote() || (f.localPort() != 22 && f.localPort() != 3389)
                || f.packets() > config.maxPackets()) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        String key = "brute|" + f.interfaceId() + "|" + f.remoteAddr() + "|" + f.localPort();
        if (!s.markFirst(key + "|" + f.remotePort(), bucket)) {
            return;
        }
        long attempts = s.add(key, bucket, 1);
        if (attempts >= config.minAttempts()) {
            String type = f.localPort() == 22 ? SSH : RDP;
            sink.raise(new Occurrence(NAME, type, Severity.MEDIUM, f.interfaceId(), f.remoteAddr(),
                    f.localAddr() + ":" + f.localPort(), f.startMs(),
                    attempts == config.minAttempts() ? attempts : 1,
                    List.of(attempts + " short connections from " + f.remoteAddr() + " to port " + f.localPort()
                            + " in one bucket (threshold " + config.minAttempts() + ", at most "
                            + config.maxPackets() + " packets each)", "latest: " + f.describe())));
        }
    }
}
