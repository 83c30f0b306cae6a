package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.LogStatus;
import org.apache.kafka.common.utils.Bytes;

/**
 * Key of one pending flow-log record in the window store: (subscription, interface, window, 5-tuple, action) and
 * the record's log status. The encoding starts with the window's end as a big-endian long, so the store's byte order
 * is end-time order and "every record due by time t" is one range scan from {@link #FIRST} to {@link #after(long)}.
 * NODATA and SKIPDATA keys have an empty 5-tuple and no action.
 */
record WindowKey(long windowEnd, long windowStart, String subscriptionId, String interfaceId, LogStatus logStatus,
                 String srcAddr, String dstAddr, int srcPort, int dstPort, int protocol, Action action) {

    /** Lower bound of every key. */
    static final Bytes FIRST = Bytes.wrap(new byte[Long.BYTES]);

    static WindowKey flow(long windowStart, long windowEnd, String subscriptionId, String interfaceId,
                          String srcAddr, String dstAddr, int srcPort, int dstPort, int protocol, Action action) {
        return new WindowKey(windowEnd, windowStart, subscriptionId, interfaceId, LogStatus.OK, srcAddr, dstAddr,
                srcPort, dstPort, protocol, action);
    }

    static WindowKey status(long windowStart, long windowEnd, String subscriptionId, String interfaceId,
                            LogStatus status) {
        return new WindowKey(windowEnd, windowStart, subscriptionId, interfaceId, status, "", "", 0, 0, 0, null);
    }

    /**
     * A bound above every key whose window ends at or before {@code windowEnd} and below every other key: the
     * 8 bytes of {@code windowEnd + 1} alone sort before any longer key that starts with them.
     */
    static Bytes after(long windowEnd) {
        return Bytes.wrap(ByteBuffer.allocate(Long.BYTES).putLong(windowEnd + 1).array());
    }

    Bytes encode() {
        return encode(windowStart, windowEnd, subscriptionId, interfaceId, logStatus, srcAddr, dstAddr, srcPort,
                dstPort, protocol, action);
    }

    /** The encoded key of a flow, without the {@code WindowKey} in between (once per packet event). */
    static Bytes encodeFlow(long windowStart, long windowEnd, String subscriptionId, String interfaceId,
                            String srcAddr, String dstAddr, int srcPort, int dstPort, int protocol, Action action) {
        return encode(windowStart, windowEnd, subscriptionId, interfaceId, LogStatus.OK, srcAddr, dstAddr, srcPort,
                dstPort, protocol, action);
    }

    private static Bytes encode(long windowStart, long windowEnd, String subscriptionId, String interfaceId,
                                LogStatus logStatus, String srcAddr, String dstAddr, int srcPort, int dstPort,
                                int protocol, Action action) {
        byte[] sub = utf8(subscriptionId);
        byte[] eni = utf8(interfaceId);
        byte[] src = utf8(srcAddr);
        byte[] dst = utf8(dstAddr);
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 1 + 1 + 4 * 4 + 4 + 4 + 4
                + sub.length + eni.length + src.length + dst.length);
        b.putLong(windowEnd).putLong(windowStart);
        putString(b, sub);
        putString(b, eni);
        b.put((byte) logStatus.ordinal());
        b.put((byte) (action == null ? 0 : action.ordinal() + 1));
        putString(b, src);
        putString(b, dst);
        b.putInt(srcPort).putInt(dstPort).putInt(protocol);
        return Bytes.wrap(b.array());
    }

    static WindowKey decode(Bytes bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes.get());
        long end = b.getLong();
        long start = b.getLong();
        String sub = getString(b);
        String eni = getString(b);
        LogStatus status = LogStatus.values()[b.get()];
        int actionCode = b.get();
        Action action = actionCode == 0 ? null : Action.values()[actionCode - 1];
        String src = getString(b);
        String dst = getString(b);
        return new WindowKey(end, start, sub, eni, status, src, dst, b.getInt(), b.getInt(), b.getInt(), action);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static void putString(ByteBuffer b, byte[] s) {
        b.putInt(s.length).put(s);
    }

    private static String getString(ByteBuffer b) {
        byte[] s = new byte[b.getInt()];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }
}
