package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Impact:EC2/PortSweep: the interface opens flows to one port on at least {@code findings.port-sweep.min-addresses}
 * distinct addresses within a bucket. Watched at the sweeping interface (its egress records), because the targets'
 * records are spread over many interfaces and tasks.
 */
final class PortSweepDetector implements Detector {
    static final String NAME = "port-sweep";
    static final String TYPE = "Impact:EC2/PortSweep";

    private final FindingsConfig.PortSweep config;

    PortSweepDetector(FindingsConfig.PortSweep config) {
        this.config = config;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.openedLocally()) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        String port = f.protocol() + "/" + f.remotePort();
        String key = "sweep|" + f.interfaceId() + "|" + port;
        if (!s.markFirst(key + "|" + f.remoteAddr(), bucket)) {
            return;
        }
        long addresses = s.add(key, bucket, 1);
        if (addresses >= config.minAddresses()) {
            sink.raise(new Occurrence(NAME, TYPE, Severity.HIGH, f.interfaceId(), f.localActor(), "port " + port,
                    f.startMs(), addresses == config.minAddresses() ? addresses : 1,
                    List.of(f.localActor() + " opened flows to port " + port + " on " + addresses
                            + " distinct addresses in one bucket (threshold " + config.minAddresses() + ")",
                            "latest: " + f.describe())));
        }
    }
}
