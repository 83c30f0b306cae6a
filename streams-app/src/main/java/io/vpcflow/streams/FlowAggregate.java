package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import io.vpcflow.schemas.avro.FlowLogRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * One pending flow-log record of the windows store while its window is open: the counters that change with every
 * packet (packets, bytes, first and last packet time, reported TCP flags) as plain fields, and everything else of the
 * record (addresses, interface metadata, explanation ...) encoded once, from the first event's bytes
 * ({@link FlowValueFormat#fields(PacketEventBytes, Subscription)}). The record is built only at publication
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
    /** The key's bytes, one indirection closer: publication sorts a window's flows by them. */
    private final byte[] keyBytes;
    private long packets;
    private long bytes;
    private long start;
    private long end;
    private int tcpFlags;
    private byte[] fields;
    private boolean dirty;

    private FlowAggregate(long windowEnd, Bytes key) {
        this.windowEnd = windowEnd;
        this.key = key;
        this.keyBytes = key.get();
    }

    /** A flow's first event: an OK record with every field as the model stamped it. */
    static FlowAggregate first(long windowEnd, Bytes key, PacketEventBytes e, Subscription s) {
        FlowAggregate a = new FlowAggregate(windowEnd, key);
        a.fields = FlowValueFormat.fields(e, s);
        a.packets = e.packets();
        a.bytes = e.bytes();
        a.start = e.time();
        a.end = a.start;
        a.tcpFlags = FlowLogRecords.reportedTcpFlags(e.intValue(PacketEventBytes.TCP_FLAGS));
        return a;
    }

    /** Adds a later event of the same flow and window: sums, first/last packet time, flags OR-ed. */
    FlowAggregate add(PacketEventBytes e) {
        long time = e.time();
        packets += e.packets();
        bytes += e.bytes();
        start = Math.min(start, time);
        end = Math.max(end, time);
        tcpFlags |= FlowLogRecords.reportedTcpFlags(e.intValue(PacketEventBytes.TCP_FLAGS));
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

    /** Everything of the record but the counters ({@link FlowValueFormat#fields}). */
    byte[] fields() {
        return fields;
    }

    /** The record this flow stands for now. */
    FlowLogRecord toRecord() {
        return FlowValueFormat.toRecord(counters(), fields);
    }

    /** The same, taking repeated strings from the record published before ({@link FlowValueFormat.StringReuse}). */
    FlowLogRecord toRecord(FlowValueFormat.StringReuse reuse) {
        return FlowValueFormat.toRecord(counters(), fields, reuse);
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

    byte[] keyBytes() {
        return keyBytes;
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
