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
 * record (addresses, interface metadata, explanation ...) as the flow's first event until the flow is first written,
 * then as that event's fields encoded once ({@link FlowValueFormat}). The record is built only at publication
 * ({@link #toRecord}).
 *
 * <p>Stored value, written in the third format ({@link FlowValueFormat#MAGIC}, {@code 'G'}): counters and fields in
 * a hand-written binary layout. Values of the two earlier formats still read, as a record or as a flow to add to (and
 * are written back in the third format): the second format, {@link #MAGIC} ({@code 'F'}), packets, bytes, start and
 * end (epoch millis) as big-endian longs, the flags as an int, then the first event's {@code FlowLogRecord} as the
 * flow-logs value serde writes it; and the first format, a whole record written by the serde, which NODATA and
 * SKIPDATA markers still are (the serde's encodings start with 0x00 or 0xC3, never with 'F' or 'G').
 */
final class FlowAggregate {
    /** First byte of a value of the second format. */
    static final byte MAGIC = 'F';
    private static final int HEADER = 1 + 4 * Long.BYTES + Integer.BYTES;

    private final long windowEnd;
    private final Bytes key;
    private long packets;
    private long bytes;
    private long start;
    private long end;
    private int tcpFlags;
    private PacketEvent firstEvent;
    private Subscription subscription;
    private byte[] fields;
    private boolean dirty;

    private FlowAggregate(long windowEnd, Bytes key) {
        this.windowEnd = windowEnd;
        this.key = key;
    }

    /** A flow's first event: an OK record with every field as the model stamped it. */
    static FlowAggregate first(long windowEnd, Bytes key, PacketEvent e, Subscription s) {
        FlowAggregate a = new FlowAggregate(windowEnd, key);
        a.firstEvent = e;
        a.subscription = s;
        a.packets = e.getPackets();
        a.bytes = e.getBytes();
        a.start = e.getEventTime().toEpochMilli();
        a.end = a.start;
        a.tcpFlags = FlowLogRecords.reportedTcpFlags(e.getTcpFlags());
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

    /** A flow read back from the store (any of the three formats; a marker reads as a flow too). */
    static FlowAggregate decode(long windowEnd, Bytes key, byte[] value, Deserializer<FlowLogRecord> serde,
                                String topic) {
        if (value[0] == FlowValueFormat.MAGIC) {
            return of(windowEnd, key, FlowValueFormat.counters(value), FlowValueFormat.fields(value));
        }
        FlowLogRecord r = olderFormat(value, serde, topic);
        return of(windowEnd, key, new FlowValueFormat.Counters(r.getPackets(), r.getBytes(),
                r.getStart().toEpochMilli(), r.getEnd().toEpochMilli(), r.getTcpFlags()), FlowValueFormat.fields(r));
    }

    /** A flow read back with these counters and fields (from a batch value or a value of its own). */
    static FlowAggregate of(long windowEnd, Bytes key, FlowValueFormat.Counters c, byte[] fields) {
        FlowAggregate a = new FlowAggregate(windowEnd, key);
        a.packets = c.packets();
        a.bytes = c.bytes();
        a.start = c.start();
        a.end = c.end();
        a.tcpFlags = c.tcpFlags();
        a.fields = fields;
        return a;
    }

    /** The stored value, in the third format. */
    byte[] encode() {
        return FlowValueFormat.encode(counters(), fields());
    }

    FlowValueFormat.Counters counters() {
        return new FlowValueFormat.Counters(packets, bytes, start, end, tcpFlags);
    }

    /** Everything of the record but the counters, encoded on first use ({@link FlowValueFormat#fields}). */
    byte[] fields() {
        if (fields == null) {
            fields = FlowValueFormat.fields(firstEvent, subscription);
            firstEvent = null;
            subscription = null;
        }
        return fields;
    }

    /** The record this flow stands for now. */
    FlowLogRecord toRecord() {
        if (fields != null) {
            return FlowValueFormat.toRecord(counters(), fields);
        }
        FlowLogRecord r = FlowLogRecords.first(firstEvent, subscription);
        r.setPackets(packets);
        r.setBytes(bytes);
        r.setStart(Instant.ofEpochMilli(start));
        r.setEnd(Instant.ofEpochMilli(end));
        r.setTcpFlags(tcpFlags);
        return r;
    }

    /** {@link #encode()}; the serde is no longer needed to write a flow (only to read the earlier formats). */
    byte[] encode(Serializer<FlowLogRecord> serde, String topic) {
        return encode();
    }

    /** The record a stored value stands for: a flow's record with its counters, or a marker as it was written. */
    static FlowLogRecord toRecord(byte[] value, Deserializer<FlowLogRecord> serde, String topic) {
        if (value[0] == FlowValueFormat.MAGIC) {
            return FlowValueFormat.toRecord(value);
        }
        return olderFormat(value, serde, topic);
    }

    /** A value of the first (whole record) or second ({@link #MAGIC}) format as its record. */
    private static FlowLogRecord olderFormat(byte[] value, Deserializer<FlowLogRecord> serde, String topic) {
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
