package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;

/**
 * Fills the AWS flow-log fields of an interface's record for one packet. One factory serves one walk, whose
 * observations mostly share the packet's addresses, so it remembers the last two AWS-service answers.
 */
final class ObservationFactory {
    private final CompiledNetwork net;
    private int lastAddress;
    private String lastService;
    private boolean hasLast;
    private int previousAddress;
    private String previousService;
    private boolean hasPrevious;

    ObservationFactory(CompiledNetwork net) {
        this.net = net;
    }

    Observation observe(NetworkInterface eni, FlowDirection direction, boolean accepted, Packet p,
                        Integer trafficPath) {
        Vpc vpc = net.vpc(eni.vpcId());
        Subnet subnet = net.subnet(eni.subnetId());
        String own = eni.primaryPrivateIp();
        boolean ingress = direction == FlowDirection.INGRESS;
        boolean ports = Protocol.hasPorts(p.protocol());
        String pktSrcAddr = Ipv4.format(p.srcIp());
        String pktDstAddr = Ipv4.format(p.dstIp());
        return new Observation(eni.id(), eni.accountId() != null ? eni.accountId() : vpc == null ? null : vpc.accountId(),
                eni.vpcId(), eni.subnetId(), eni.instanceId(), subnet == null ? null : subnet.azId(),
                vpc == null ? null : vpc.region(), direction, accepted ? Observation.ACCEPT : Observation.REJECT,
                ingress ? pktSrcAddr : own, ingress ? own : pktDstAddr,
                ports ? p.srcPort() : 0, ports ? p.dstPort() : 0, p.protocol(), flowLogFlags(p.tcpFlags()),
                pktSrcAddr, pktDstAddr, ingress ? null : trafficPath,
                serviceOf(p.srcIp()), serviceOf(p.dstIp()));
    }

    /** {@link io.vpcflow.model.AwsIpRanges#serviceOf}, remembering the last two addresses asked about. */
    private String serviceOf(int address) {
        if (hasLast && lastAddress == address) {
            return lastService;
        }
        if (hasPrevious && previousAddress == address) {
            return previousService;
        }
        String service = net.ranges.serviceOf(address);
        previousAddress = lastAddress;
        previousService = lastService;
        hasPrevious = hasLast;
        lastAddress = address;
        lastService = service;
        hasLast = true;
        return service;
    }

    /** Flow logs keep FIN, SYN, RST and the SYN-ACK pair (18); ACK or PSH alone give 0. */
    static int flowLogFlags(int tcpFlags) {
        int flags = tcpFlags & (Packet.FIN | Packet.SYN | Packet.RST);
        if ((tcpFlags & Packet.SYN) != 0 && (tcpFlags & Packet.ACK) != 0) {
            flags |= Packet.ACK;
        }
        return flags;
    }
}
