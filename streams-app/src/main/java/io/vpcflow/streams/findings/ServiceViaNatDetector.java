package io.vpcflow.streams.findings;

import java.util.List;
import java.util.Locale;

import io.vpcflow.schemas.avro.Severity;

/**
 * S3 or DynamoDB traffic through a NAT gateway, which a gateway endpoint would carry without NAT processing charges
 * and without leaving the VPC (a cost and compliance finding). Seen at the NAT gateway's interface, whose egress
 * records carry the service in {@code pkt-dst-aws-service} and the instance in {@code pkt-srcaddr}. With the
 * network model the interface is known to be a NAT gateway's, and the finding says whether the VPC already has a
 * gateway endpoint for the service (MEDIUM: a route table lacks its route) or none (LOW). Without the model a
 * translated egress record (pkt-srcaddr differs from srcaddr) stands for a NAT gateway.
 */
final class ServiceViaNatDetector implements Detector {
    static final String NAME = "service-via-nat";
    static final String TYPE_PREFIX = "Policy:NatGateway/";

    private final NetworkFacts network;

    ServiceViaNatDetector(NetworkFacts network) {
        this.network = network;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        String service = f.record().getPktDstAwsService();
        String code = service == null ? null : service.toUpperCase(Locale.ROOT);
        if (!f.egress() || !("S3".equals(code) || "DYNAMODB".equals(code)) || !throughNat(f)) {
            return;
        }
        String instance = f.record().getPktSrcAddr() != null ? f.record().getPktSrcAddr() : f.localAddr();
        String vpc = f.record().getVpcId();
        String endpoint = network == null || vpc == null ? null : network.gatewayEndpoint(vpc, code).orElse(null);
        String advice = endpoint != null
                ? "the VPC has gateway endpoint " + endpoint + " for " + code + ", but the route table of "
                + instance + "'s subnet has no route to it"
                : network == null ? "a gateway endpoint for " + code + " would carry this (no network model loaded"
                + " to check whether one exists)"
                : "the VPC has no gateway endpoint for " + code + "; one would carry this without NAT charges";
        sink.raise(new Occurrence(NAME, TYPE_PREFIX + (code.equals("S3") ? "S3" : "DynamoDB") + "TrafficViaNat",
                endpoint != null ? Severity.MEDIUM : Severity.LOW, f.interfaceId(), instance, code, f.startMs(), 1,
                List.of(advice, String.format("%,d bytes: %s", f.bytes(), f.describe()))));
    }

    private boolean throughNat(Flow f) {
        if (network != null) {
            return network.natGatewayOf(f.interfaceId()).isPresent();
        }
        String pkt = f.record().getPktSrcAddr();
        return pkt != null && !pkt.equals(f.record().getSrcAddr());
    }
}
