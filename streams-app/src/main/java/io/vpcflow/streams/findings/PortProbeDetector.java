package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Recon:EC2/PortProbeUnprotectedPort: a public address that had at least {@code
 * findings.port-probe.min-rejected-ports} distinct ports of the interface rejected in a bucket (so it is scanning)
 * also got a flow accepted on some port: that port is open to scanners. Accepted probes seen before the scanner
 * crossed the threshold are remembered for the bucket and reported when it does.
 */
final class PortProbeDetector implements Detector {
    static final String NAME = "port-probe";
    static final String TYPE = "Recon:EC2/PortProbeUnprotectedPort";

    private final FindingsConfig.PortProbe config;

    PortProbeDetector(FindingsConfig.PortProbe config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.openedByRemote() || !f.remoteIsPublic()) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        String key = "probe|" + f.interfaceId() + "|" + f.remoteAddr();
        String port = f.protocol() + "/" + f.localPort();
        if (f.accepted()) {
            if (s.count(key, bucket) >= config.minRejectedPorts()) {
                raise(f, port, s.count(key, bucket), sink);
            } else {
                String open = s.note(key, bucket);
                s.note(key, bucket, open == null ? port : open + "," + port);
            }
            return;
        }
        if (s.markFirst(key + "|" + port, bucket) && s.add(key, bucket, 1) == config.minRejectedPorts()) {
            String open = s.note(key, bucket);
            if (open != null) {
                for (String p : open.split(",")) {
                    raise(f, p, config.minRejectedPorts(), sink);
                }
            }
        }
    }

    private void raise(Flow f, String port, long rejected, FindingSink sink) {
        sink.raise(new Occurrence(NAME, TYPE, Severity.MEDIUM, f.interfaceId(), f.remoteAddr(),
                f.localAddr() + " port " + port, f.startMs(), 1,
                List.of("port " + port + " of " + f.localAddr() + " accepted a probe from " + f.remoteAddr()
                        + ", which had " + rejected + " ports rejected in the same bucket (threshold "
                        + config.minRejectedPorts() + ")")));
    }
}
