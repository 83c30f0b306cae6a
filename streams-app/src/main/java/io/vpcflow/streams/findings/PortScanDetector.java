package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Recon:EC2/Portscan: one sender opens flows to at least {@code findings.port-scan.min-ports} distinct ports of
 * one receiver within a bucket, seen at either end's interface (an outside scanner probing the interface, or the
 * interface's instance scanning someone). Accepted and rejected attempts both count.
 */
final class PortScanDetector implements Detector {
    static final String NAME = "port-scan";
    static final String TYPE = "Recon:EC2/Portscan";

    private final FindingsConfig.PortScan config;

    PortScanDetector(FindingsConfig.PortScan config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.senderOpened()) {
            return;
        }
        String sender = f.record().getSrcAddr();
        String receiver = f.record().getDstAddr();
        long bucket = s.bucketOf(f.startMs());
        String key = "scan|" + f.interfaceId() + "|" + sender + "|" + receiver;
        if (!s.markFirst(key + "|" + f.protocol() + "/" + f.record().getDstPort(), bucket)) {
            return;
        }
        long ports = s.add(key, bucket, 1);
        if (ports >= config.minPorts()) {
            sink.raise(new Occurrence(NAME, TYPE, Severity.MEDIUM, f.interfaceId(), sender, receiver, f.startMs(),
                    ports == config.minPorts() ? ports : 1,
                    List.of(sender + " tried " + ports + " distinct ports of " + receiver + " in the bucket from "
                            + s.bucketOf(f.startMs()) / 1000 + " (threshold " + config.minPorts() + ")",
                            "latest: " + f.describe())));
        }
    }
}
