package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.PacketEvent;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * One pending flow-log record of the windows store while its window is open: the counters that change with every
 * packet (packets, bytes, first and last packet time, reported TCP flags) as plain fields, and everything else of the
 * record (addresses, interface metadata, explanation ...) as the record of the flow's first event, encoded once.
 * The record is built only at publication ({@link #toRecord}).
 *
 * <p>Stored value: {@link #MAGIC}, packets, bytes, start and end (epoch millis) as big-endian longs, the flags as an
 * int, then the first event's {@code FlowLogRecord} as the flow-logs value serde writes it (its counters are
 * overwritten by the ones before it). A value that does not start with {@link #MAGIC} is a whole record written by
 * the serde: NODATA and SKIPDATA markers, and the records of the store's earlier format (the serde's encodings
 * start with 0x00 or 0xC3, never with {@link #MAGIC}).
 */
final class FlowAggregate {
    static final byte MAGIC = 'F';
    private static final int HEADER = 1 + 4 * Long.BYTES + Integer.BYTES;

    private final long windowEnd;
    private final Bytes key;
    private long packets;
    private long bytes;
    private long start;
    private long end;
    private int tcpFlags;
    private FlowLogRecord first;
    private byte[] template;
    private boolean dirty;

    private FlowAggregate(long windowEnd, Bytes key) {
        this.windowEnd = windowEnd;
        this.key = key;
    }

    /** A flow's first event: an OK record with every field as the model stamped it. */
    static FlowAggregate first(long windowEnd, Bytes key, PacketEvent e, Subscription s) {
        FlowAggregate a = new FlowAggregate(windowEnd, key);
        a.first = FlowLogRecords.first(e, s);
        a.packets = e.getPackets();
        a.bytes = e.getBytes();
        a.start = e.getEventTime().toEpochMilli();
        a.end = a.start;
        a.tcpFlags = a.first.getTcpFlags();
        return a;
    }

    /** Adds a later event of the same flow and window: sums, first/last packet time, flags OR-ed. */
    FlowAggregate add(PacketEvent e) {
        long time = e.getEventTime().toEpochMilli();
        packets += e.getPackets();
        bytes += e.getBytes();
        start = Math.min(start, time);
        end = Math.max(end, time);
        tcpFlags |= FlowLogRecords.reportedTcpFlags(e.getTcpFlags());
        return this;
    }

    /** A flow read back from the store, or null when {@code value} is a whole record (a marker). */
    static FlowAggregate decode(long windowEnd, Bytes key, byte[] value, Deserializer<FlowLogRecord> serde,
                                String topic) {
        FlowAggregate a = new FlowAggregate(windowEnd, key);
        if (value[0] == MAGIC) {
            ByteBuffer b = ByteBuffer.wrap(value, 1, HEADER - 1);
            a.packets = b.getLong();
            a.bytes = b.getLong();
            a.start = b.getLong();
            a.end = b.getLong();
            a.tcpFlags = b.getInt();
            a.template = Arrays.copyOfRange(value, HEADER, value.length);
            return a;
        }
        FlowLogRecord r = serde.deserialize(topic, value);
        a.packets = r.getPackets();
        a.bytes = r.getBytes();
        a.start = r.getStart().toEpochMilli();
        a.end = r.getEnd().toEpochMilli();
        a.tcpFlags = r.getTcpFlags();
        a.first = r;
        return a;
    }

    byte[] encode(Serializer<FlowLogRecord> serde, String topic) {
        if (template == null) {
            template = serde.serialize(topic, first);
            first = null;
        }
        return ByteBuffer.allocate(HEADER + template.length).put(MAGIC).putLong(packets).putLong(bytes)
                .putLong(start).putLong(end).putInt(tcpFlags).put(template).array();
    }

    /** The record a stored value stands for: a flow's record with its counters, or a marker as it was written. */
    static FlowLogRecord toRecord(byte[] value, Deserializer<FlowLogRecord> serde, String topic) {
        if (value[0] != MAGIC) {
            return serde.deserialize(topic, value);
        }
        ByteBuffer b = ByteBuffer.wrap(value, 1, HEADER - 1);
        FlowLogRecord r = serde.deserialize(topic, Arrays.copyOfRange(value, HEADER, value.length));
        r.setPackets(b.getLong());
        r.setBytes(b.getLong());
        r.setStart(Instant.ofEpochMilli(b.getLong()));
        r.setEnd(Instant.ofEpochMilli(b.getLong()));
        r.setTcpFlags(b.getInt());
        return r;
    }

    long windowEnd() {
        return windowEnd;
    }

    Bytes key() {
        return key;
    }

    /** Marks the flow changed since the last write to the store; returns whether it was clean before. */
    boolean markDirty() {
        boolean wasClean = !dirty;
        dirty = true;
        return wasClean;
    }

    void markClean() {
        dirty = false;
    }
}
