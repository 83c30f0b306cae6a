package io.vpcflow.streams;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import io.vpcflow.model.eval.ExplanationCode;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import org.apache.kafka.common.utils.Bytes;

/**
 * The windows store's value of an open flow, third format ({@link #MAGIC}): a hand-written binary layout, written
 * without Avro, that holds everything of the flow's OK record.
 *
 * <p>Layout: {@link #MAGIC}; the counters (packets, bytes, start in epoch millis, end minus start, reported TCP flags,
 * each an unsigned LEB128 varint); then the record's other fields in the schema's order ({@link #writeFields}):
 * strings as a varint code (0 null, 1 "the same as the address before", else length + 2) and UTF-8 bytes, nullable
 * ints as 0 (null) or 1 and a zigzag varint, enums as 0 (null) or ordinal + 1. The log status is always OK. A typical
 * flow of the sample network takes about 190 bytes, against about 280 for the second format (counters and the Avro
 * record).
 *
 * <p>The store writes open flows in batch values ({@link #BATCH}, {@link BatchWriter}): the flows one commit changed
 * in one window, each as its key, counters and fields, so a commit costs one store entry per window and some 256 KiB
 * instead of one per flow ({@link FlowStore}).
 */
final class FlowValueFormat {
    static final byte MAGIC = 'G';
    /** First byte of a batch value ({@link BatchWriter}). */
    static final byte BATCH = 'H';
    private static final int SAME_AS_BEFORE = 1;

    private FlowValueFormat() {
    }

    /** The counters of a flow, as {@link FlowAggregate} holds them. */
    record Counters(long packets, long bytes, long start, long end, int tcpFlags) {
    }

    /**
     * The fields of a new flow's first event (everything but the counters), as {@link #writeFields} lays them out,
     * written from the bytes of the event ({@link PacketEventBytes}) without decoding its strings.
     */
    static byte[] fields(PacketEventBytes e, Subscription s) {
        Writer w = new Writer(256);
        w.nullableInt(s.version());
        w.string(e, PacketEventBytes.ACCOUNT);
        w.string(e, PacketEventBytes.INTERFACE);
        w.string(e, PacketEventBytes.SRC_ADDR);
        w.string(e, PacketEventBytes.DST_ADDR);
        w.nullableInt(e.intValue(PacketEventBytes.SRC_PORT));
        w.nullableInt(e.intValue(PacketEventBytes.DST_PORT));
        w.nullableInt(e.intValue(PacketEventBytes.PROTOCOL));
        w.varLong(e.ordinal(PacketEventBytes.ACTION) + 1);
        w.string(e, PacketEventBytes.VPC);
        w.string(e, PacketEventBytes.SUBNET);
        w.string(e, PacketEventBytes.INSTANCE);
        w.string(e.ipv6() ? "IPv6" : "IPv4");
        w.stringOrSame(e, PacketEventBytes.PKT_SRC_ADDR, PacketEventBytes.SRC_ADDR);
        w.stringOrSame(e, PacketEventBytes.PKT_DST_ADDR, PacketEventBytes.DST_ADDR);
        w.string(e, PacketEventBytes.REGION);
        w.string(e, PacketEventBytes.AZ);
        w.string(e, PacketEventBytes.SUBLOCATION_TYPE);
        w.string(e, PacketEventBytes.SUBLOCATION_ID);
        w.string(e, PacketEventBytes.PKT_SRC_SERVICE);
        w.string(e, PacketEventBytes.PKT_DST_SERVICE);
        w.varLong(e.ordinal(PacketEventBytes.DIRECTION) + 1);
        w.nullableInt(e.nullableInt(PacketEventBytes.TRAFFIC_PATH));
        w.string(e.bpaBlocked() ? ExplanationCode.BPA_BLOCKED.flowLogRejectReason() : null);
        w.string(s.id());
        w.string(e, PacketEventBytes.EXPLANATION);
        w.string(e, PacketEventBytes.COMPONENT);
        w.string(e, PacketEventBytes.RULE);
        return w.toArray();
    }

    /** The same fields of a record read from a value of an earlier format. */
    static byte[] fields(FlowLogRecord r) {
        Writer w = new Writer(256);
        writeFields(w, r);
        return w.toArray();
    }

    private static void writeFields(Writer w, FlowLogRecord r) {
        w.nullableInt(r.getVersion());
        w.string(r.getAccountId());
        w.string(r.getInterfaceId());
        w.string(r.getSrcAddr());
        w.string(r.getDstAddr());
        w.nullableInt(r.getSrcPort());
        w.nullableInt(r.getDstPort());
        w.nullableInt(r.getProtocol());
        w.enumeration(r.getAction());
        w.string(r.getVpcId());
        w.string(r.getSubnetId());
        w.string(r.getInstanceId());
        w.string(r.getType());
        w.stringOrSame(r.getPktSrcAddr(), r.getSrcAddr());
        w.stringOrSame(r.getPktDstAddr(), r.getDstAddr());
        w.string(r.getRegion());
        w.string(r.getAzId());
        w.string(r.getSublocationType());
        w.string(r.getSublocationId());
        w.string(r.getPktSrcAwsService());
        w.string(r.getPktDstAwsService());
        w.enumeration(r.getFlowDirection());
        w.nullableInt(r.getTrafficPath());
        w.string(r.getRejectReason());
        w.string(r.getSubscriptionId());
        w.string(r.getExplanationCode());
        w.string(r.getBlockingComponent());
        w.string(r.getRule());
    }

    /** A stored value: the counters, then the fields as {@link #fields} wrote them. */
    static byte[] encode(Counters c, byte[] fields) {
        Writer w = new Writer(1 + 4 * 10 + 5 + fields.length);
        w.out[w.size++] = MAGIC;
        w.counters(c);
        w.bytes(fields);
        return w.toArray();
    }

    /** The counters of a stored value of this format. */
    static Counters counters(byte[] value) {
        return counters(new Reader(value));
    }

    /** The fields of a stored value of this format (everything after the counters). */
    static byte[] fields(byte[] value) {
        Reader r = new Reader(value);
        counters(r);
        return Arrays.copyOfRange(value, r.position, value.length);
    }

    private static Counters counters(Reader r) {
        if (r.in[r.position++] != MAGIC) {
            throw new IllegalArgumentException("not a flow value of format " + (char) MAGIC);
        }
        return r.counters();
    }

    /** The OK record a stored value of this format stands for. */
    static FlowLogRecord toRecord(byte[] value) {
        Reader r = new Reader(value);
        return toRecord(counters(r), r);
    }

    /** The OK record of a flow with these counters and fields ({@link #fields}). */
    static FlowLogRecord toRecord(Counters c, byte[] fields) {
        return toRecord(c, new Reader(fields));
    }

    /**
     * The same, taking each string from {@code reuse} where the flow before had the same bytes in that field: flows
     * published one after the other share most of their fields (account, interface, VPC, subscription ...), and the
     * same {@code String} again spares decoding it here and encoding it again in the serializer
     * ({@code FlatRecordWriter} keeps the bytes of the last string it wrote per field).
     */
    static FlowLogRecord toRecord(Counters c, byte[] fields, StringReuse reuse) {
        Reader r = new Reader(fields);
        r.reuse = reuse;
        return toRecord(c, r);
    }

    private static FlowLogRecord toRecord(Counters c, Reader r) {
        Integer version = r.nullableInt();
        String account = r.string(null);
        String eni = r.string(null);
        String src = r.string(null);
        String dst = r.string(null);
        Integer srcPort = r.nullableInt();
        Integer dstPort = r.nullableInt();
        Integer protocol = r.nullableInt();
        Action action = r.enumeration(Action.values());
        String vpc = r.string(null);
        String subnet = r.string(null);
        String instance = r.string(null);
        String type = r.string(null);
        String pktSrc = r.string(src);
        String pktDst = r.string(dst);
        String region = r.string(null);
        String az = r.string(null);
        String sublocationType = r.string(null);
        String sublocationId = r.string(null);
        String pktSrcService = r.string(null);
        String pktDstService = r.string(null);
        FlowDirection direction = r.enumeration(FlowDirection.values());
        Integer trafficPath = r.nullableInt();
        String rejectReason = r.string(null);
        String subscription = r.string(null);
        String explanation = r.string(null);
        String component = r.string(null);
        String rule = r.string(null);
        return new FlowLogRecord(version, account, eni, src, dst, srcPort, dstPort, protocol, c.packets(), c.bytes(),
                Instant.ofEpochMilli(c.start()), Instant.ofEpochMilli(c.end()), action, LogStatus.OK, vpc, subnet,
                instance, c.tcpFlags(), type, pktSrc, pktDst, region, az, sublocationType, sublocationId,
                pktSrcService, pktDstService, direction, trafficPath, rejectReason, subscription, explanation,
                component, rule);
    }

    /** The last string read in each string field of the layout, with its bytes (for one publication's records). */
    static final class StringReuse {
        /** At least the string fields of the layout ({@link #writeFields}: 21). */
        private static final int STRING_FIELDS = 32;
        private final byte[][] bytes = new byte[STRING_FIELDS][];
        private final String[] strings = new String[STRING_FIELDS];

        private String get(int slot, byte[] in, int from, int length) {
            byte[] last = slot < STRING_FIELDS ? bytes[slot] : null;
            return last != null && Arrays.equals(last, 0, last.length, in, from, from + length) ? strings[slot] : null;
        }

        private void put(int slot, byte[] in, int from, int length, String s) {
            if (slot < STRING_FIELDS) {
                bytes[slot] = Arrays.copyOfRange(in, from, from + length);
                strings[slot] = s;
            }
        }
    }

    /**
     * Writes a batch value ({@link #BATCH}): the flows one commit changed in one window, each as its key (varint
     * length and bytes), its counters (as in a flow value) and its fields (varint length and bytes).
     */
    static final class BatchWriter {
        private final Writer w;

        BatchWriter(int capacity) {
            w = new Writer(capacity);
            w.out[w.size++] = BATCH;
        }

        void add(Bytes key, Counters c, byte[] fields) {
            byte[] k = key.get();
            w.varLong(k.length);
            w.bytes(k);
            w.counters(c);
            w.varLong(fields.length);
            w.bytes(fields);
        }

        int size() {
            return w.size;
        }

        boolean isEmpty() {
            return w.size == 1;
        }

        byte[] toArray() {
            return w.toArray();
        }
    }

    /** One flow of a batch value. */
    interface BatchEntry {
        void accept(Bytes key, Counters counters, byte[] fields);
    }

    /** Hands over every flow of a batch value, in the order they were added. */
    static void readBatch(byte[] value, BatchEntry entry) {
        if (value[0] != BATCH) {
            throw new IllegalArgumentException("not a batch value of format " + (char) BATCH);
        }
        Reader r = new Reader(value);
        r.position = 1;
        while (r.position < value.length) {
            Bytes key = Bytes.wrap(r.bytes((int) r.varLong()));
            Counters c = r.counters();
            entry.accept(key, c, r.bytes((int) r.varLong()));
        }
    }

    private static final class Writer {
        private byte[] out;
        private int size;

        Writer(int capacity) {
            out = new byte[capacity];
        }

        void varLong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                out[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out[size++] = (byte) v;
        }

        /** The counters: packets, bytes, start, end minus start, flags, each a varint. */
        void counters(Counters c) {
            varLong(c.packets());
            varLong(c.bytes());
            varLong(c.start());
            varLong(c.end() - c.start());
            varLong(c.tcpFlags() & 0xFFFFFFFFL);
        }

        void nullableInt(Integer v) {
            if (v == null) {
                varLong(0);
            } else {
                varLong(1);
                varLong(((v << 1) ^ (v >> 31)) & 0xFFFFFFFFL);
            }
        }

        <E extends Enum<E>> void enumeration(E e) {
            varLong(e == null ? 0 : e.ordinal() + 1);
        }

        void string(String s) {
            if (s == null) {
                varLong(0);
                return;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            varLong(utf8.length + 2L);
            bytes(utf8);
        }

        /** A string field of the event, as {@link #string(String)} writes its decoded value. */
        void string(PacketEventBytes e, int field) {
            int length = e.length(field);
            if (length < 0) {
                varLong(0);
                return;
            }
            varLong(length + 2L);
            ensure(length);
            e.copy(field, out, size);
            size += length;
        }

        /** A packet address field, or "the same as before" where it is null or equals {@code before}'s field. */
        void stringOrSame(PacketEventBytes e, int field, int before) {
            if (e.length(field) < 0 || e.sameString(field, before)) {
                varLong(SAME_AS_BEFORE);
            } else {
                string(e, field);
            }
        }

        void stringOrSame(String s, String before) {
            if (s != null && s.equals(before)) {
                varLong(SAME_AS_BEFORE);
            } else {
                string(s);
            }
        }

        void bytes(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, out, size, b.length);
            size += b.length;
        }

        byte[] toArray() {
            return size == out.length ? out : Arrays.copyOf(out, size);
        }

        private void ensure(int more) {
            if (size + more > out.length) {
                out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
            }
        }
    }

    private static final class Reader {
        private final byte[] in;
        private int position;
        /** Where strings come from when their bytes repeat the last flow's (null: always decoded). */
        private StringReuse reuse;
        /** The number of the string field read next (its slot in {@link #reuse}). */
        private int stringField;

        Reader(byte[] in) {
            this.in = in;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = in[position++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
            }
        }

        /** The counters as {@link Writer#counters} wrote them. */
        Counters counters() {
            long packets = varLong();
            long bytes = varLong();
            long start = varLong();
            long end = start + varLong();
            return new Counters(packets, bytes, start, end, (int) varLong());
        }

        Integer nullableInt() {
            if (varLong() == 0) {
                return null;
            }
            int z = (int) varLong();
            return (z >>> 1) ^ -(z & 1);
        }

        <E extends Enum<E>> E enumeration(E[] values) {
            int code = (int) varLong();
            return code == 0 ? null : values[code - 1];
        }

        byte[] bytes(int length) {
            byte[] b = Arrays.copyOfRange(in, position, position + length);
            position += length;
            return b;
        }

        /** A string; {@code before} where the value says "the same as before". */
        String string(String before) {
            int slot = stringField++;
            int code = (int) varLong();
            if (code == 0) {
                return null;
            }
            if (code == SAME_AS_BEFORE) {
                return before;
            }
            int length = code - 2;
            String s = reuse == null ? null : reuse.get(slot, in, position, length);
            if (s == null) {
                s = new String(in, position, length, StandardCharsets.UTF_8);
                if (reuse != null) {
                    reuse.put(slot, in, position, length, s);
                }
            }
            position += length;
            return s;
        }
    }
}
