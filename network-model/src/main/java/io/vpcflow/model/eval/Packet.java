package io.vpcflow.model.eval;

import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;

/**
 * A packet as it travels: addresses and ports change where a gateway translates them. For ICMP, ports are 0 and
 * {@code icmpType}/{@code icmpCode} say what it is. {@code tcpFlags} uses the TCP header bits (FIN=1 SYN=2 RST=4
 * ACK=16).
 */
public record Packet(int srcIp, int dstIp, int protocol, int srcPort, int dstPort, int tcpFlags, int icmpType,
                     int icmpCode) {
    public static final int FIN = 1;
    public static final int SYN = 2;
    public static final int RST = 4;
    public static final int ACK = 16;

    public static Packet tcp(int srcIp, int dstIp, int srcPort, int dstPort, int flags) {
        return new Packet(srcIp, dstIp, Protocol.TCP, srcPort, dstPort, flags, -1, -1);
    }

    public Packet withSource(int ip, int port) {
        return new Packet(ip, dstIp, protocol, port, dstPort, tcpFlags, icmpType, icmpCode);
    }

    public Packet withDestination(int ip, int port) {
        return new Packet(srcIp, ip, protocol, srcPort, port, tcpFlags, icmpType, icmpCode);
    }

    /** The reply: addresses and ports swapped; TCP answers SYN with SYN-ACK, ICMP echo request with echo reply. */
    public Packet reversed() {
        int flags = protocol == Protocol.TCP ? ((tcpFlags & SYN) != 0 ? SYN | ACK : tcpFlags) : 0;
        int type = protocol == Protocol.ICMP && icmpType == 8 ? 0 : icmpType;
        return new Packet(dstIp, srcIp, protocol, dstPort, srcPort, flags, type, icmpCode);
    }

    /** The request a reply answers: addresses and ports swapped; SYN-ACK back to SYN, echo reply to request. */
    public Packet reversedAsRequest() {
        int flags = protocol == Protocol.TCP && (tcpFlags & SYN) != 0 ? SYN : tcpFlags;
        int type = protocol == Protocol.ICMP && icmpType == 0 ? 8 : icmpType;
        return new Packet(dstIp, srcIp, protocol, dstPort, srcPort, flags, type, icmpCode);
    }

    @Override
    public String toString() {
        String ports = Protocol.hasPorts(protocol) ? ":" : "";
        return Protocol.name(protocol) + " " + Ipv4.format(srcIp) + (ports.isEmpty() ? "" : ports + srcPort)
                + " -> " + Ipv4.format(dstIp) + (ports.isEmpty() ? "" : ports + dstPort);
    }
}
