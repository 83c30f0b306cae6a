package io.vpcflow.generator;

import io.vpcflow.generator.scenario.Shape;
import io.vpcflow.model.eval.Packet;
import java.util.Arrays;

/**
 * The packet trains of one flow, one per tick (second) in which it sends anything: offsets from the flow's start,
 * and per direction the packets, bytes and flow-log TCP flags (FIN 1, SYN 2, RST 4, SYN-ACK 18) of the train.
 * Built from what the client does and what the network decided, so a blocked flow is only its retries.
 */
final class TrainSchedule {
    static final int SYN_BYTES = 60;
    static final int ACK_BYTES = 52;
    static final int RST_BYTES = 40;
    static final int MSS = 1448;
    static final int ICMP_ECHO_BYTES = 84;
    private static final int SYN_ACK = Packet.SYN | Packet.ACK;

    /** How the network treated the flow. */
    enum Outcome { ACCEPTED, FORWARD_BLOCKED, REPLY_BLOCKED }

    int size;
    long[] offsets = new long[4];
    long[] fwdPackets = new long[4];
    long[] fwdBytes = new long[4];
    int[] fwdFlags = new int[4];
    long[] repPackets = new long[4];
    long[] repBytes = new long[4];
    int[] repFlags = new int[4];

    static TrainSchedule of(Shape shape, Outcome outcome, int synRetries) {
        TrainSchedule s = new TrainSchedule();
        if (shape instanceof Shape.TcpSession tcp) {
            if (outcome == Outcome.ACCEPTED) {
                s.session(tcp);
            } else {
                s.retries(outcome, synRetries);
            }
        } else if (shape instanceof Shape.SynProbe) {
            if (outcome == Outcome.ACCEPTED) {
                s.add(0, 2, SYN_BYTES + RST_BYTES, Packet.SYN | Packet.RST, 1, SYN_BYTES, SYN_ACK);
            } else {
                s.retries(outcome, 0);
            }
        } else if (shape instanceof Shape.Udp udp) {
            boolean replies = udp.responseSize() > 0 && outcome != Outcome.FORWARD_BLOCKED;
            for (int t = 0; t <= udp.seconds(); t++) {
                s.add(t * 1000L, udp.perSecond(), (long) udp.perSecond() * udp.requestSize(), 0,
                        replies ? udp.perSecond() : 0, replies ? (long) udp.perSecond() * udp.responseSize() : 0, 0);
            }
        } else if (shape instanceof Shape.IcmpEcho echo) {
            boolean replies = outcome != Outcome.FORWARD_BLOCKED;
            for (int t = 0; t < echo.count(); t++) {
                s.add(t * 1000L, 1, ICMP_ECHO_BYTES, 0, replies ? 1 : 0, replies ? ICMP_ECHO_BYTES : 0, 0);
            }
        }
        return s;
    }

    /** An unanswered SYN, retransmitted after 1, 2, 4 ... s; a rejected SYN-ACK answers each one. */
    private void retries(Outcome outcome, int synRetries) {
        boolean replies = outcome == Outcome.REPLY_BLOCKED;
        long at = 0;
        for (int i = 0; i <= synRetries; i++) {
            add(at, 1, SYN_BYTES, Packet.SYN, replies ? 1 : 0, replies ? SYN_BYTES : 0, replies ? SYN_ACK : 0);
            at += 1000L << i;
        }
    }

    /** Handshake in the first tick, data spread over the ticks, FIN both ways (or the client's RST) in the last. */
    private void session(Shape.TcpSession tcp) {
        int ticks = tcp.seconds() + 1;
        for (int t = 0; t < ticks; t++) {
            long req = share(tcp.requestBytes(), ticks, t);
            long resp = share(tcp.responseBytes(), ticks, t);
            long reqPkts = (req + MSS - 1) / MSS;
            long respPkts = (resp + MSS - 1) / MSS;
            // each side acknowledges every second segment of the other
            long fwdPkts = reqPkts + (respPkts + 1) / 2;
            long repPkts = respPkts + (reqPkts + 1) / 2;
            long fwdBytes = req + fwdPkts * ACK_BYTES;
            long repBytes = resp + repPkts * ACK_BYTES;
            int fFlags = 0;
            int rFlags = 0;
            if (t == 0) {
                fwdPkts += 2;
                fwdBytes += SYN_BYTES + ACK_BYTES;
                fFlags |= Packet.SYN;
                repPkts += 1;
                repBytes += SYN_BYTES;
                rFlags |= SYN_ACK;
            }
            if (t == ticks - 1) {
                if (tcp.reset()) {
                    fwdPkts += 1;
                    fwdBytes += RST_BYTES;
                    fFlags |= Packet.RST;
                } else {
                    fwdPkts += 2;
                    fwdBytes += 2 * ACK_BYTES;
                    fFlags |= Packet.FIN;
                    repPkts += 1;
                    repBytes += ACK_BYTES;
                    rFlags |= Packet.FIN;
                }
            }
            add(t * 1000L, fwdPkts, fwdBytes, fFlags, repPkts, repBytes, rFlags);
        }
    }

    private static long share(long total, int parts, int index) {
        long base = total / parts;
        return index < total % parts ? base + 1 : base;
    }

    private void add(long offset, long fp, long fb, int ff, long rp, long rb, int rf) {
        if (size == offsets.length) {
            int n = size * 2;
            offsets = Arrays.copyOf(offsets, n);
            fwdPackets = Arrays.copyOf(fwdPackets, n);
            fwdBytes = Arrays.copyOf(fwdBytes, n);
            fwdFlags = Arrays.copyOf(fwdFlags, n);
            repPackets = Arrays.copyOf(repPackets, n);
            repBytes = Arrays.copyOf(repBytes, n);
            repFlags = Arrays.copyOf(repFlags, n);
        }
        offsets[size] = offset;
        fwdPackets[size] = fp;
        fwdBytes[size] = fb;
        fwdFlags[size] = ff;
        repPackets[size] = rp;
        repBytes[size] = rb;
        repFlags[size] = rf;
        size++;
    }
}
