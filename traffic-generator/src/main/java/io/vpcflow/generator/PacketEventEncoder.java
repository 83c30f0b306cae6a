package io.vpcflow.generator;

import io.vpcflow.model.eval.Observation;
import io.vpcflow.schemas.avro.PacketEvent;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The generator's fast path to Avro single-object bytes: a flow's events differ only in time, packets, bytes and
 * TCP flags, so each template's other fields are encoded once (Avro binary: zig-zag varints, length-prefixed UTF-8,
 * union branch indexes) and every event is the header, four varints and two copied segments. The output is
 * byte-for-byte what the schemas module's serializer writes (checked at construction and by
 * {@code PacketEventEncoderTest}); where the schema is not the one this encoder knows, {@link #forSerializer}
 * returns null and the generator uses the serializer.
 */
final class PacketEventEncoder {
    /** The fields of PacketEvent v2 in schema order; the encoder applies only to exactly this layout. */
    static final List<String> FIELDS = List.of("eventTime", "interfaceId", "accountId", "vpcId", "subnetId",
            "instanceId", "azId", "region", "srcAddr", "dstAddr", "srcPort", "dstPort", "protocol", "packets",
            "bytes", "tcpFlags", "flowDirection", "action", "explanationCode", "blockingComponent", "rule",
            "pktSrcAddr", "pktDstAddr", "pktSrcAwsService", "pktDstAwsService", "trafficPath", "scenario",
            "sublocationType", "sublocationId");

    /** A template's constant parts: the key and the encoded fields before and after packets/bytes/tcpFlags. */
    record Encoded(byte[] key, byte[] beforeCounts, byte[] afterCounts) {
    }

    private static final int STRING_CACHE_SIZE = 50_000;
    private final byte[] header;
    private final HashMap<String, byte[]> strings = new HashMap<>();
    private final HashMap<String, byte[]> keys = new HashMap<>();
    private final HashMap<String, byte[]> identities = new HashMap<>();
    private final Out scratch = new Out(this);

    private PacketEventEncoder(byte[] header) {
        this.header = header;
    }

    /**
     * An encoder matching {@code serializer} (single-object encoding: 10-byte header, then the datum), or null when
     * the schema or the serializer's output is not what this encoder writes.
     */
    static PacketEventEncoder forSerializer(Serializer<PacketEvent> serializer, String topic, EventTemplate sample) {
        Schema schema = PacketEvent.getClassSchema();
        if (!schema.getFields().stream().map(Schema.Field::name).toList().equals(FIELDS)) {
            return null;
        }
        PacketEvent event = sample.event(1_767_607_200_123L, 3, 180, 2);
        byte[] official = serializer.serialize(topic, event);
        if (official == null || official.length < 10 || (official[0] & 0xff) != 0xC3 || official[1] != 0x01) {
            return null;
        }
        PacketEventEncoder encoder = new PacketEventEncoder(Arrays.copyOf(official, 10));
        byte[] ours = encoder.encode(encoder.prepare(sample), 1_767_607_200_123L, 3, 180, 2);
        return Arrays.equals(ours, official) ? encoder : null;
    }

    Encoded prepare(EventTemplate t) {
        Observation o = t.obs;
        Out out = scratch;
        out.reset();
        out.bytes(identity(o));
        out.string(o.srcAddr()).string(o.dstAddr()).varLong(o.srcPort()).varLong(o.dstPort()).varLong(o.protocol());
        byte[] before = out.toByteArray();
        out.reset();
        out.varLong(t.direction.ordinal()).varLong(t.action.ordinal()).optional(t.code).optional(t.blockedAt)
                .optional(t.rule).optional(t.pktSrc).optional(t.pktDst).optional(o.pktSrcAwsService())
                .optional(o.pktDstAwsService());
        if (o.trafficPath() == null) {
            out.varLong(0);
        } else {
            out.varLong(1).varLong(o.trafficPath());
        }
        // sublocation-type and sublocation-id: not modelled, null
        out.string(t.scenario).varLong(0).varLong(0);
        byte[] key = keys.computeIfAbsent(o.interfaceId(), k -> k.getBytes(StandardCharsets.UTF_8));
        return new Encoded(key, before, out.toByteArray());
    }

    /** The fields that only depend on the interface (interfaceId to region), encoded once per interface. */
    private byte[] identity(Observation o) {
        byte[] cached = identities.get(o.interfaceId());
        if (cached == null) {
            Out out = new Out(this);
            out.string(o.interfaceId()).string(PacketEvents.orUnknown(o.accountId())).string(o.vpcId())
                    .string(o.subnetId()).optional(o.instanceId()).string(PacketEvents.orUnknown(o.azId()))
                    .string(PacketEvents.orUnknown(o.region()));
            cached = out.toByteArray();
            identities.put(o.interfaceId(), cached);
        }
        return cached;
    }

    /**
     * The Avro encoding of a string (length, UTF-8), cached: the same ids, addresses and labels recur in every
     * flow. Bounded: cleared when full (rule texts with ports make the set open-ended).
     */
    private byte[] avroString(String s) {
        byte[] cached = strings.get(s);
        if (cached == null) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            cached = new byte[varLongSize(utf8.length) + utf8.length];
            int p = putVarLong(cached, 0, utf8.length);
            System.arraycopy(utf8, 0, cached, p, utf8.length);
            if (strings.size() >= STRING_CACHE_SIZE) {
                strings.clear();
            }
            strings.put(s, cached);
        }
        return cached;
    }

    byte[] encode(Encoded t, long timeMillis, long packets, long bytes, int tcpFlags) {
        int size = header.length + varLongSize(timeMillis) + t.beforeCounts.length + varLongSize(packets)
                + varLongSize(bytes) + varLongSize(tcpFlags) + t.afterCounts.length;
        byte[] out = new byte[size];
        System.arraycopy(header, 0, out, 0, header.length);
        int p = putVarLong(out, header.length, timeMillis);
        System.arraycopy(t.beforeCounts, 0, out, p, t.beforeCounts.length);
        p += t.beforeCounts.length;
        p = putVarLong(out, p, packets);
        p = putVarLong(out, p, bytes);
        p = putVarLong(out, p, tcpFlags);
        System.arraycopy(t.afterCounts, 0, out, p, t.afterCounts.length);
        return out;
    }

    private static int varLongSize(long v) {
        long z = (v << 1) ^ (v >> 63);
        int n = 1;
        while ((z & ~0x7FL) != 0) {
            z >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarLong(byte[] out, int pos, long v) {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        out[pos++] = (byte) z;
        return pos;
    }

    /** Avro binary primitives into a growing buffer (only for the once-per-template segments). */
    private static final class Out extends ByteArrayOutputStream {
        private final PacketEventEncoder encoder;
        private final byte[] scratch = new byte[10];

        Out(PacketEventEncoder encoder) {
            super(512);
            this.encoder = encoder;
        }

        Out bytes(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Out varLong(long v) {
            int n = putVarLong(scratch, 0, v);
            write(scratch, 0, n);
            return this;
        }

        Out string(String s) {
            byte[] b = encoder.avroString(s);
            write(b, 0, b.length);
            return this;
        }

        /** A ["null","string"] union: branch 0 for null, else branch 1 and the string. */
        Out optional(String s) {
            return s == null ? varLong(0) : varLong(1).string(s);
        }
    }
}
