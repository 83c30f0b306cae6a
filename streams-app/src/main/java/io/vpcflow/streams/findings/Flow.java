package io.vpcflow.streams.findings;

import io.vpcflow.model.net.Ipv4;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;

/**
 * One OK flow-log record seen from its interface: which side is local, which remote, and who opened the flow.
 * Detectors read flows, never raw records, so the rules for records without version 3-5 fields live here once.
 *
 * <p>Direction is the record's {@code flow-direction}; when absent (version 2 logs) a record is ingress when its
 * source address is public. The sender of a record's packets opened the flow when its TCP flags hold SYN without
 * SYN-ACK; without TCP flags (non-TCP, or version 2), when its source port is above its destination port.
 */
public record Flow(FlowLogRecord record, boolean ingress, String localAddr, String remoteAddr, int localPort,
                   int remotePort, int protocol, boolean accepted, long packets, long bytes, long startMs,
                   long endMs) {
    public static final int TCP = 6;
    public static final int UDP = 17;
    private static final int SYN = 2;
    private static final int SYN_ACK = 18;

    /** The flow of an OK record, or null for NODATA/SKIPDATA records and records without addresses. */
    public static Flow of(FlowLogRecord r) {
        if (r.getAction() == null || r.getSrcAddr() == null || r.getDstAddr() == null) {
            return null;
        }
        boolean ingress = r.getFlowDirection() != null ? r.getFlowDirection() == FlowDirection.INGRESS
                : Ipv4.isValid(r.getSrcAddr()) && !Ipv4.isPrivate(Ipv4.parse(r.getSrcAddr()));
        int src = orZero(r.getSrcPort());
        int dst = orZero(r.getDstPort());
        return new Flow(r, ingress, ingress ? r.getDstAddr() : r.getSrcAddr(),
                ingress ? r.getSrcAddr() : r.getDstAddr(), ingress ? dst : src, ingress ? src : dst,
                orZero(r.getProtocol()), r.getAction() == Action.ACCEPT, orZero(r.getPackets()),
                orZero(r.getBytes()), r.getStart().toEpochMilli(), r.getEnd().toEpochMilli());
    }

    public String interfaceId() {
        return record.getInterfaceId();
    }

    public boolean egress() {
        return !ingress;
    }

    /** True when the sender of this record's packets opened the flow (a SYN, or a client port). */
    public boolean senderOpened() {
        Integer flags = record.getTcpFlags();
        if (protocol == TCP && flags != null) {
            return (flags & SYN) != 0 && (flags & SYN_ACK) != SYN_ACK;
        }
        return orZero(record.getSrcPort()) > orZero(record.getDstPort());
    }

    /** True when this record carries the answer to a flow the other side opened (a SYN-ACK, or a server port). */
    public boolean isReply() {
        Integer flags = record.getTcpFlags();
        if (protocol == TCP && flags != null) {
            return (flags & SYN_ACK) == SYN_ACK;
        }
        return orZero(record.getSrcPort()) < 1024 && orZero(record.getDstPort()) >= 1024;
    }

    /** The remote opened this flow towards the interface. */
    public boolean openedByRemote() {
        return ingress && senderOpened();
    }

    /** The interface opened this flow. */
    public boolean openedLocally() {
        return !ingress && senderOpened();
    }

    public boolean remoteIsPublic() {
        return Ipv4.isValid(remoteAddr) && !Ipv4.isPrivate(Ipv4.parse(remoteAddr));
    }

    /** The address that acted on this interface's side: the packet-level source behind a NAT, else local. */
    public String localActor() {
        String pkt = ingress ? record.getPktDstAddr() : record.getPktSrcAddr();
        return pkt != null ? pkt : localAddr;
    }

    public String explanationCode() {
        return record.getExplanationCode();
    }

    public String blockingComponent() {
        return record.getBlockingComponent();
    }

    public String describe() {
        return record.getInterfaceId() + " " + (ingress ? "in " : "out ") + record.getSrcAddr() + ":"
                + orZero(record.getSrcPort()) + " -> " + record.getDstAddr() + ":" + orZero(record.getDstPort())
                + " proto " + protocol + " " + record.getAction() + " " + packets + " pkts " + bytes + " B at "
                + record.getStart();
    }

    private static int orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
