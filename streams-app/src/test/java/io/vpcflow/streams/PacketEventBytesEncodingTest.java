package io.vpcflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * Avro binary that a canonical encoder never writes but Avro's decoder reads (or refuses): the values read from the
 * bytes must be Avro's, and a value Avro refuses must fail as the serde fails (dead letter), not be read.
 */
class PacketEventBytesEncodingTest {
    private static final String TOPIC = "vpcflow.packet-events";
    private final Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withoutRegistry()).forValue(PacketEvent.class);
    private final Deserializer<PacketEvent> avro = serde.deserializer();
    private final Deserializer<PacketEventBytes> deserializer = PacketEventBytes.deserializer(serde.deserializer());

    /**
     * An int in five bytes whose last byte has bits above bit 31 (0x10): Avro's readInt drops them (int arithmetic),
     * so srcPort 0 and tcpFlags 2 (SYN) decode as 0 and 2; read from the bytes they must be the same.
     */
    @Test
    void anIntInFiveBytesWithBitsAbove32ReadsAsAvroReadsIt() {
        PacketEvent e = event();
        int srcPort = PacketEvent.getClassSchema().getField("srcPort").pos();
        int tcpFlags = PacketEvent.getClassSchema().getField("tcpFlags").pos();
        byte[] value = encode(e, Map.of(
                srcPort, new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10},
                tcpFlags, new byte[] {(byte) 0x84, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x10}));
        PacketEvent decoded = avro.deserialize(TOPIC, value);
        assertThat(decoded.getSrcPort()).isZero();
        assertThat(decoded.getTcpFlags()).isEqualTo(2);

        PacketEventBytes view = deserializer.deserialize(TOPIC, value);
        assertThat(view.intValue(PacketEventBytes.SRC_PORT)).isEqualTo(decoded.getSrcPort());
        assertThat(view.intValue(PacketEventBytes.TCP_FLAGS)).isEqualTo(decoded.getTcpFlags());
        Subscription s = FlowStoreFixture.SUBSCRIPTION;
        long start = s.windowStart(view.time());
        assertThat(view.flowKey(start, start + s.intervalMs(), s.id().getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(WindowKey.encodeFlow(start, start + s.intervalMs(), s.id(), decoded.getInterfaceId(),
                        decoded.getSrcAddr(), decoded.getDstAddr(), decoded.getSrcPort(), decoded.getDstPort(),
                        decoded.getProtocol(), decoded.getAction()));
        assertThat(FlowAggregate.first(start + s.intervalMs(), Bytes.wrap(new byte[0]), view, s).toRecord())
                .isEqualTo(FlowStoreFixture.firstRecord(decoded, s));
    }

    /**
     * A union branch index in six bytes: Avro reads it as an int and refuses it ("Invalid int encoding"), so the
     * value is a dead letter; read from the bytes it must fail the same way (else the event would be counted).
     */
    @Test
    void aUnionIndexLongerThanAnIntFailsAsTheSerdeFails() {
        PacketEvent e = event();
        int instance = PacketEvent.getClassSchema().getField("instanceId").pos();
        byte[] value = encode(e, Map.of(instance, new byte[] {
            (byte) 0x82, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00}));
        assertThatThrownBy(() -> avro.deserialize(TOPIC, value)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, value)).isInstanceOf(SerializationException.class);
    }

    /** A string length in six bytes: whatever Avro makes of it (it reads lengths as longs), the view makes the same. */
    @Test
    void aStringLengthInSixBytesReadsAsAvroReadsIt() {
        PacketEvent e = event();
        int account = PacketEvent.getClassSchema().getField("accountId").pos();
        byte[] value = encode(e, Map.of(account, new byte[] {
            (byte) 0x82, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x00, '1'}));
        PacketEvent decoded = avro.deserialize(TOPIC, value);
        assertThat(decoded.getAccountId()).isEqualTo("1");

        PacketEventBytes view = deserializer.deserialize(TOPIC, value);
        assertThat(view.string(PacketEventBytes.ACCOUNT)).isEqualTo("1");
        Subscription s = FlowStoreFixture.SUBSCRIPTION;
        assertThat(FlowAggregate.first(0, Bytes.wrap(new byte[0]), view, s).toRecord())
                .isEqualTo(FlowStoreFixture.firstRecord(decoded, s));
    }

    private static PacketEvent event() {
        return PacketEvent.newBuilder()
                .setEventTime(Instant.ofEpochMilli(1_772_366_400_000L)).setInterfaceId("eni-1").setAccountId("1")
                .setVpcId("vpc-1").setSubnetId("subnet-1").setInstanceId("i-1").setAzId("use1-az1")
                .setRegion("us-east-1").setSrcAddr("10.0.0.1").setDstAddr("10.0.0.2").setSrcPort(0)
                .setDstPort(443).setProtocol(6).setPackets(1).setBytes(60).setTcpFlags(2)
                .setFlowDirection(FlowDirection.EGRESS).setAction(Action.ACCEPT).setScenario("baseline-web")
                .build();
    }

    /**
     * The event in single-object encoding, written field by field as Avro does but for the fields in
     * {@code raw}: their bytes are taken as given (for instanceId, the union branch index only).
     */
    private byte[] encode(PacketEvent e, Map<Integer, byte[]> raw) {
        return encode(serde.serializer().serialize(TOPIC, e), e, raw);
    }

    /** The same after the single-object header of {@code canonical} (the event serialized by the topic's serde). */
    static byte[] encode(byte[] canonical, PacketEvent e, Map<Integer, byte[]> raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(canonical, 0, 10);
        for (Schema.Field f : PacketEvent.getClassSchema().getFields()) {
            Object v = e.get(f.pos());
            if (f.name().equals("instanceId") && raw.containsKey(f.pos())) {
                out.writeBytes(raw.get(f.pos()));
                if (v != null) {
                    writeValue(out, Schema.Type.STRING, v);
                }
                continue;
            }
            if (raw.containsKey(f.pos())) {
                out.writeBytes(raw.get(f.pos()));
                continue;
            }
            Schema s = f.schema();
            if (s.getType() == Schema.Type.UNION) {
                int nullBranch = s.getTypes().get(0).getType() == Schema.Type.NULL ? 0 : 1;
                if (v == null) {
                    varLong(out, zigzag(nullBranch));
                    continue;
                }
                varLong(out, zigzag(1 - nullBranch));
                s = s.getTypes().get(1 - nullBranch);
            }
            writeValue(out, s.getType(), v);
        }
        return out.toByteArray();
    }

    private static void writeValue(ByteArrayOutputStream out, Schema.Type type, Object v) {
        switch (type) {
            case STRING -> {
                byte[] utf8 = v.toString().getBytes(StandardCharsets.UTF_8);
                varLong(out, zigzag(utf8.length));
                out.writeBytes(utf8);
            }
            case INT -> varLong(out, zigzag((Integer) v));
            case LONG -> varLong(out, zigzag(v instanceof Instant t ? t.toEpochMilli() : (Long) v));
            case ENUM -> varLong(out, zigzag(((Enum<?>) v).ordinal()));
            default -> throw new IllegalStateException(type.toString());
        }
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static void varLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }
}
