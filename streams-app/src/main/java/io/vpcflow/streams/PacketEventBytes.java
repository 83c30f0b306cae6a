package io.vpcflow.streams;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.CurrentSchemaBody;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * A packet event as the Avro bytes it arrived in: the flow-log topology reads the few fields an event of an open flow
 * needs (time, counters, 5-tuple, action) straight from the bytes and copies the strings of a new flow's fields and
 * key as UTF-8 bytes, so no {@link PacketEvent} (29 fields, 14 strings) is built per event. Decoding the whole record
 * was the largest single cost of the topology's input.
 *
 * <p>{@link #deserializer} scans a value written with exactly the current {@link PacketEvent} schema (the serde says
 * so: {@link CurrentSchemaBody}) and records where each field starts; a value of any other schema version is decoded
 * by the topic's own deserializer and encoded again in the current schema, and a value that does not scan goes to
 * that deserializer too, whose error (dead letter) is the same as before. The scan plan comes from the schema: a
 * field of another type than string, int, long, enum or a union of null with one of those fails the class's
 * initialisation, so a schema change cannot silently misread. Ints, enum symbols and union branches are read as Avro's
 * {@code readInt} reads them (at most 5 bytes, bits above bit 31 dropped), so a non-canonical encoding reads, or is
 * refused, as Avro would ({@code PacketEventBytesEncodingTest}). Strings are kept as the bytes the producer wrote: two
 * events that differ only in malformed UTF-8 (which Avro would decode to the same replacement characters) count as
 * different flows.
 */
final class PacketEventBytes {
    private static final Schema SCHEMA = PacketEvent.getClassSchema();
    private static final int FIELDS = SCHEMA.getFields().size();
    /** Per field: whether it is a string (else a varint: int, long, enum). */
    private static final boolean[] STRING = new boolean[FIELDS];
    /** Per field: the union branch of null, of the value (-1, -1 if the field is not a union). */
    private static final int[] NULL_BRANCH = new int[FIELDS];
    private static final int[] VALUE_BRANCH = new int[FIELDS];
    /** Per field: the number of symbols of an enum field, else 0. */
    private static final int[] SYMBOLS = new int[FIELDS];
    /** Per field: whether Avro reads it as an int (int, enum), which it refuses in more than 5 bytes. */
    private static final boolean[] INT = new boolean[FIELDS];
    private static final int MAX_INT_BYTES = 5;

    static final int TIME = position("eventTime");
    static final int INTERFACE = position("interfaceId");
    static final int ACCOUNT = position("accountId");
    static final int VPC = position("vpcId");
    static final int SUBNET = position("subnetId");
    static final int INSTANCE = position("instanceId");
    static final int AZ = position("azId");
    static final int REGION = position("region");
    static final int SRC_ADDR = position("srcAddr");
    static final int DST_ADDR = position("dstAddr");
    static final int SRC_PORT = position("srcPort");
    static final int DST_PORT = position("dstPort");
    static final int PROTOCOL = position("protocol");
    static final int PACKETS = position("packets");
    static final int BYTES = position("bytes");
    static final int TCP_FLAGS = position("tcpFlags");
    static final int DIRECTION = position("flowDirection");
    static final int ACTION = position("action");
    static final int EXPLANATION = position("explanationCode");
    static final int COMPONENT = position("blockingComponent");
    static final int RULE = position("rule");
    static final int PKT_SRC_ADDR = position("pktSrcAddr");
    static final int PKT_DST_ADDR = position("pktDstAddr");
    static final int PKT_SRC_SERVICE = position("pktSrcAwsService");
    static final int PKT_DST_SERVICE = position("pktDstAwsService");
    static final int TRAFFIC_PATH = position("trafficPath");
    static final int SUBLOCATION_TYPE = position("sublocationType");
    static final int SUBLOCATION_ID = position("sublocationId");

    private static final Action[] ACTIONS = Action.values();
    private static final byte[] BPA_BLOCKED = "BPA_BLOCKED".getBytes(StandardCharsets.UTF_8);

    static {
        for (Schema.Field f : SCHEMA.getFields()) {
            plan(f);
        }
    }

    private final byte[] data;
    /** Per field: where its value starts (after a string's length), or -1 for null. */
    private final int[] start = new int[FIELDS];
    /** Per string field: its length in bytes. */
    private final int[] length = new int[FIELDS];

    private PacketEventBytes(byte[] data) {
        this.data = data;
    }

    /**
     * A deserializer of packet-event values into this view; {@code avro} is the topic's value deserializer (it reads
     * other schema versions, and reports values that are not packet events).
     */
    static Deserializer<PacketEventBytes> deserializer(Deserializer<PacketEvent> avro) {
        return new Deserializer<>() {
            @Override
            public void configure(Map<String, ?> configs, boolean isKey) {
                avro.configure(configs, isKey);
            }

            @Override
            public PacketEventBytes deserialize(String topic, byte[] data) {
                if (data == null) {
                    return null;
                }
                int body = avro instanceof CurrentSchemaBody current ? current.currentSchemaBody(topic, data) : -1;
                if (body >= 0) {
                    PacketEventBytes view = new PacketEventBytes(data);
                    if (view.scan(body)) {
                        return view;
                    }
                }
                PacketEvent e = avro.deserialize(topic, data);
                return e == null ? null : of(e);
            }

            @Override
            public void close() {
                avro.close();
            }
        };
    }

    /** The view of a decoded event (its current-schema encoding). */
    static PacketEventBytes of(PacketEvent e) {
        byte[] encoded;
        try {
            ByteBuffer b = e.toByteBuffer();
            encoded = Arrays.copyOfRange(b.array(), b.arrayOffset() + b.position(), b.arrayOffset() + b.limit());
        } catch (IOException ex) {
            throw new IllegalArgumentException("cannot encode packet event " + e + ": " + ex.getMessage(), ex);
        }
        PacketEventBytes view = new PacketEventBytes(encoded);
        // single-object encoding: 2 marker bytes and the 8-byte fingerprint, then the body
        if (!view.scan(10)) {
            throw new IllegalStateException("a packet event encoded by Avro does not scan: " + e);
        }
        return view;
    }

    long time() {
        return varLong(TIME);
    }

    long packets() {
        return varLong(PACKETS);
    }

    long bytes() {
        return varLong(BYTES);
    }

    int intValue(int field) {
        return int32(start[field]);
    }

    /** The value of a nullable int field, or null. */
    Integer nullableInt(int field) {
        return start[field] < 0 ? null : int32(start[field]);
    }

    Action action() {
        return ACTIONS[int32(start[ACTION])];
    }

    /** The ordinal of an enum field (the Avro symbol index, which is the generated enum's ordinal). */
    int ordinal(int field) {
        return int32(start[field]);
    }

    /** A string field decoded, or null. */
    String string(int field) {
        return start[field] < 0 ? null : new String(data, start[field], length[field], StandardCharsets.UTF_8);
    }

    String interfaceId() {
        return string(INTERFACE);
    }

    /** Whether a string field holds exactly these UTF-8 bytes (false for null). */
    boolean equalsUtf8(int field, byte[] utf8) {
        int from = start[field];
        return from >= 0 && Arrays.equals(data, from, from + length[field], utf8, 0, utf8.length);
    }

    /** Whether two string fields hold the same bytes (both null counts as the same). */
    boolean sameString(int field, int other) {
        int a = start[field];
        int b = start[other];
        if (a < 0 || b < 0) {
            return a < 0 && b < 0;
        }
        return Arrays.equals(data, a, a + length[field], data, b, b + length[other]);
    }

    /** Whether the source address is an IPv6 one (has a colon). */
    boolean ipv6() {
        int from = start[SRC_ADDR];
        for (int i = from; i < from + length[SRC_ADDR]; i++) {
            if (data[i] == ':') {
                return true;
            }
        }
        return false;
    }

    /** The flow-log reject-reason the explanation code maps to ("BPA" or null, as {@code ExplanationCode} says). */
    boolean bpaBlocked() {
        return equalsUtf8(EXPLANATION, BPA_BLOCKED);
    }

    /** Copies a string field (its UTF-8 bytes) to {@code out} at {@code at}; the caller sized {@code out}. */
    void copy(int field, byte[] out, int at) {
        System.arraycopy(data, start[field], out, at, length[field]);
    }

    /** The length in bytes of a string field; -1 for null. */
    int length(int field) {
        return start[field] < 0 ? -1 : length[field];
    }

    /**
     * The event's flow key in a window of a subscription: the bytes of {@link WindowKey#encodeFlow} for the same
     * values, written from the event's bytes.
     */
    Bytes flowKey(long windowStart, long windowEnd, byte[] subscriptionId) {
        int eni = length[INTERFACE];
        int src = length[SRC_ADDR];
        int dst = length[DST_ADDR];
        ByteBuffer b = ByteBuffer.allocate(8 + 8 + 1 + 1 + 4 * 4 + 4 + 4 + 4 + subscriptionId.length + eni + src + dst);
        b.putLong(windowEnd).putLong(windowStart);
        b.putInt(subscriptionId.length).put(subscriptionId);
        b.putInt(eni).put(data, start[INTERFACE], eni);
        b.put((byte) LogStatus.OK.ordinal());
        b.put((byte) (ordinal(ACTION) + 1));
        b.putInt(src).put(data, start[SRC_ADDR], src);
        b.putInt(dst).put(data, start[DST_ADDR], dst);
        b.putInt(intValue(SRC_PORT)).putInt(intValue(DST_PORT)).putInt(intValue(PROTOCOL));
        return Bytes.wrap(b.array());
    }

    /** Records where each field starts; false if the bytes are not a whole packet event of the current schema. */
    private boolean scan(int offset) {
        int p = offset;
        try {
            for (int f = 0; f < FIELDS; f++) {
                if (NULL_BRANCH[f] >= 0) {
                    // Avro reads a branch index as an int: at most 5 bytes, bits above 31 dropped
                    int branch = int32(p);
                    int next = skipVarint(p);
                    if (next - p > MAX_INT_BYTES) {
                        return false;
                    }
                    p = next;
                    if (branch == NULL_BRANCH[f]) {
                        start[f] = -1;
                        continue;
                    }
                    if (branch != VALUE_BRANCH[f]) {
                        return false;
                    }
                }
                start[f] = p;
                if (STRING[f]) {
                    long n = zigzag(p);
                    p = skipVarint(p);
                    if (n < 0 || n > data.length - p) {
                        return false;
                    }
                    start[f] = p;
                    length[f] = (int) n;
                    p += (int) n;
                } else {
                    if (SYMBOLS[f] > 0) {
                        int symbol = int32(p);
                        if (symbol < 0 || symbol >= SYMBOLS[f]) {
                            return false;
                        }
                    }
                    int next = skipVarint(p);
                    if (INT[f] && next - p > MAX_INT_BYTES) {
                        return false;
                    }
                    p = next;
                }
            }
            return true;
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return false;
        }
    }

    private long varLong(int field) {
        return zigzag(start[field]);
    }

    /** Avro's long at {@code p} (zigzag varint, up to 10 bytes). */
    private long zigzag(int p) {
        long v = unsigned(p);
        return (v >>> 1) ^ -(v & 1);
    }

    /**
     * Avro's int at {@code p} as its {@code readInt} decodes it: in int arithmetic, so the bits of a fifth byte above
     * bit 31 are dropped before the zigzag (the caller checks the length).
     */
    private int int32(int p) {
        int n = (int) unsigned(p);
        return (n >>> 1) ^ -(n & 1);
    }

    /** The varint at {@code p} before the zigzag. */
    private long unsigned(int p) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = data[p++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new ArrayIndexOutOfBoundsException("varint longer than 10 bytes at " + p);
    }

    private int skipVarint(int p) {
        for (int i = 0; i < 10; i++) {
            if (data[p++] >= 0) {
                return p;
            }
        }
        throw new ArrayIndexOutOfBoundsException("varint longer than 10 bytes at " + p);
    }

    private static int position(String name) {
        Schema.Field f = SCHEMA.getField(name);
        if (f == null) {
            throw new IllegalStateException("PacketEvent has no field " + name);
        }
        return f.pos();
    }

    private static void plan(Schema.Field f) {
        int pos = f.pos();
        Schema s = f.schema();
        NULL_BRANCH[pos] = -1;
        VALUE_BRANCH[pos] = -1;
        if (s.getType() == Schema.Type.UNION) {
            List<Schema> branches = s.getTypes();
            int nullBranch = branches.size() != 2 ? -1
                    : branches.get(0).getType() == Schema.Type.NULL ? 0
                    : branches.get(1).getType() == Schema.Type.NULL ? 1 : -1;
            if (nullBranch < 0) {
                throw new IllegalStateException("PacketEvent field " + f.name() + " is a union other than null|X");
            }
            NULL_BRANCH[pos] = nullBranch;
            VALUE_BRANCH[pos] = 1 - nullBranch;
            s = branches.get(1 - nullBranch);
        }
        switch (s.getType()) {
            case STRING -> STRING[pos] = true;
            case INT -> INT[pos] = true;
            case LONG -> { }
            case ENUM -> {
                SYMBOLS[pos] = s.getEnumSymbols().size();
                INT[pos] = true;
            }
            default -> throw new IllegalStateException("PacketEvent field " + f.name() + " has type " + s.getType()
                    + ", which " + PacketEventBytes.class.getSimpleName() + " cannot scan");
        }
    }
}
