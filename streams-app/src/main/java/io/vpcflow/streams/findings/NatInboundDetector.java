package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * Unsolicited inbound attempts at a NAT gateway: a public address opens at least {@code
 * findings.nat-inbound.min-attempts} flows to the NAT gateway's interface within a bucket. A NAT gateway never
 * accepts a connection opened from outside, so these are scans of its address or a client that expects a public
 * server behind it. Needs the network model to know which interfaces are NAT gateways'.
 */
final class NatInboundDetector implements Detector {
    static final String NAME = "nat-inbound";
    static final String TYPE = "Recon:NatGateway/UnsolicitedInbound";

    private final FindingsConfig.NatInbound config;
    private final NetworkFacts network;

    NatInboundDetector(FindingsConfig.NatInbound config, NetworkFacts network) {
        this.config = config;
        this.network = network;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (!f.openedByRemote() || !f.remoteIsPublic() || network.natGatewayOf(f.interfaceId()).isEmpty()) {
            return;
        }
        long bucket = s.bucketOf(f.startMs());
        long attempts = s.add("nat-in|" + f.interfaceId() + "|" + f.remoteAddr(), bucket, 1);
        if (attempts >= config.minAttempts()) {
            String nat = network.natGatewayOf(f.interfaceId()).orElseThrow();
            sink.raise(new Occurrence(NAME, TYPE, Severity.LOW, nat, f.remoteAddr(),
                    f.localAddr() + ":" + f.localPort(), f.startMs(),
                    attempts == config.minAttempts() ? attempts : 1,
                    List.of(attempts + " unsolicited inbound attempts from " + f.remoteAddr() + " at " + nat
                            + " in one bucket (threshold " + config.minAttempts() + ")", "latest: " + f.describe())));
        }
    }
}
