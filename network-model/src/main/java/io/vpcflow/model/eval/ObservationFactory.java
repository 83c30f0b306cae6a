package io.vpcflow.model.eval;

import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;

/** Fills the AWS flow-log fields of an interface's record for one packet. */
final class ObservationFactory {
    private final CompiledNetwork net;

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
        return new Observation(eni.id(), eni.accountId() != null ? eni.accountId() : vpc == null ? null : vpc.accountId(),
                eni.vpcId(), eni.subnetId(), eni.instanceId(), subnet == null ? null : subnet.azId(),
                vpc == null ? null : vpc.region(), direction, accepted ? Observation.ACCEPT : Observation.REJECT,
                ingress ? Ipv4.format(p.srcIp()) : own, ingress ? own : Ipv4.format(p.dstIp()),
                ports ? p.srcPort() : 0, ports ? p.dstPort() : 0, p.protocol(), flowLogFlags(p.tcpFlags()),
                Ipv4.format(p.srcIp()), Ipv4.format(p.dstIp()), ingress ? null : trafficPath,
                net.ranges.serviceOf(p.srcIp()), net.ranges.serviceOf(p.dstIp()));
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
