package io.vpcflow.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.Random;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.CurrentSchemaBody;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.serde.ShippedSchemas;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The flow-log topology reads packet events from their bytes: every value it takes from them must equal what the
 * decoded event says, for any content (nulls, non-ASCII, IPv6, extreme numbers), and a value of an older schema or
 * of no schema must go through the serde as before.
 */
class PacketEventBytesTest {
    private static final String TOPIC = "vpcflow.packet-events";
    private final Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withoutRegistry()).forValue(PacketEvent.class);
    private final CountingDeserializer avro = new CountingDeserializer(serde.deserializer());
    private final Deserializer<PacketEventBytes> deserializer = PacketEventBytes.deserializer(avro);

    /** The topic's deserializer, counting the values it decodes (those not read from their bytes). */
    private static final class CountingDeserializer implements Deserializer<PacketEvent>, CurrentSchemaBody {
        private final Deserializer<PacketEvent> inner;
        private int decoded;

        CountingDeserializer(Deserializer<PacketEvent> inner) {
            this.inner = inner;
        }

        @Override
        public PacketEvent deserialize(String topic, byte[] data) {
            decoded++;
            return inner.deserialize(topic, data);
        }

        @Override
        public int currentSchemaBody(String topic, byte[] data) {
            return ((CurrentSchemaBody) inner).currentSchemaBody(topic, data);
        }
    }

    @Test
    void everyValueReadFromTheBytesEqualsTheDecodedEvents() {
        Random random = new Random(7);
        FlowValueFormat.StringReuse reuse = new FlowValueFormat.StringReuse();
        PacketEvent before = null;
        for (int i = 0; i < 3_000; i++) {
            // every third event repeats the one before but for its addresses: published records share most strings
            PacketEvent e = i % 3 == 0 && before != null ? PacketEvent.newBuilder(before)
                    .setSrcAddr(address(random)).setDstAddr(address(random)).build() : randomEvent(random);
            before = e;
            byte[] value = serde.serializer().serialize(TOPIC, e);
            assertThat(((CurrentSchemaBody) serde.deserializer()).currentSchemaBody(TOPIC, value))
                    .as("read from the bytes, not through Avro").isEqualTo(10);
            PacketEventBytes view = deserializer.deserialize(TOPIC, value);
            assertThat(avro.decoded).as("read from the bytes, not decoded").isZero();
            assertSameAs(view, e);

            Subscription s = FlowStoreFixture.SUBSCRIPTION;
            FlowAggregate flow = FlowAggregate.first(0, Bytes.wrap(new byte[0]), view, s);
            FlowLogRecord reused = flow.toRecord(reuse);
            assertThat(reused).isEqualTo(FlowStoreFixture.firstRecord(e, s));
            assertThat(reused.getAccountId()).isSameAs(flow.toRecord(reuse).getAccountId());
        }
    }

    @Test
    void aValueOfTheOlderSchemaIsDecodedAndReadTheSame() throws Exception {
        Schema v1 = ShippedSchemas.olderVersionsOf(PacketEvent.getClassSchema().getFullName()).get(0);
        PacketEvent e = randomEvent(new Random(3));
        e.setSublocationType(null);
        e.setSublocationId(null);
        GenericRecordBuilder old = new GenericRecordBuilder(v1);
        for (Schema.Field f : v1.getFields()) {
            Object v = e.get(f.name());
            if (v instanceof Enum<?> symbol) {
                v = new GenericData.EnumSymbol(f.schema(), symbol.name());
            } else if (v instanceof Instant t) {
                v = t.toEpochMilli();
            }
            old.set(f.name(), v);
        }
        byte[] value = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v1).encode(old.build()).array();
        assertThat(((CurrentSchemaBody) serde.deserializer()).currentSchemaBody(TOPIC, value)).isEqualTo(-1);

        PacketEventBytes view = deserializer.deserialize(TOPIC, value);
        assertThat(avro.decoded).isEqualTo(1);
        assertSameAs(view, e);
    }

    @Test
    void aValueThatIsNoPacketEventFailsAsTheSerdeFails() {
        byte[] value = serde.serializer().serialize(TOPIC, randomEvent(new Random(5)));
        byte[] truncated = Arrays.copyOf(value, value.length / 2);
        assertThatThrownBy(() -> serde.deserializer().deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, truncated))
                .isInstanceOf(SerializationException.class).hasMessageContaining("PacketEvent");
        assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
        assertThat(deserializer.deserialize(TOPIC, null)).isNull();
    }

    private static void assertSameAs(PacketEventBytes view, PacketEvent e) {
        assertThat(view.time()).isEqualTo(e.getEventTime().toEpochMilli());
        assertThat(view.packets()).isEqualTo(e.getPackets());
        assertThat(view.bytes()).isEqualTo(e.getBytes());
        assertThat(view.action()).isEqualTo(e.getAction());
        assertThat(view.intValue(PacketEventBytes.TCP_FLAGS)).isEqualTo(e.getTcpFlags());
        assertThat(view.interfaceId()).isEqualTo(e.getInterfaceId());
        assertThat(view.string(PacketEventBytes.EXPLANATION)).isEqualTo(e.getExplanationCode());
        assertThat(view.equalsUtf8(PacketEventBytes.SUBNET, utf8(e.getSubnetId()))).isTrue();
        assertThat(view.equalsUtf8(PacketEventBytes.VPC, utf8(e.getSubnetId() + "x"))).isFalse();

        Subscription s = FlowStoreFixture.SUBSCRIPTION;
        long start = s.windowStart(view.time());
        Bytes key = view.flowKey(start, start + s.intervalMs(), utf8(s.id()));
        assertThat(key).isEqualTo(WindowKey.encodeFlow(start, start + s.intervalMs(), s.id(), e.getInterfaceId(),
                e.getSrcAddr(), e.getDstAddr(), e.getSrcPort(), e.getDstPort(), e.getProtocol(), e.getAction()));

        FlowAggregate flow = FlowAggregate.first(start + s.intervalMs(), key, view, s);
        FlowLogRecord expected = FlowStoreFixture.firstRecord(e, s);
        assertThat(flow.toRecord()).isEqualTo(expected);
        FlowLogRecord stored = FlowAggregate.toRecord(flow.encode(), null, TOPIC);
        assertThat(stored).isEqualTo(expected);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Any event the schema allows: nulls where it allows them, non-ASCII text, IPv4 and IPv6, extreme numbers. */
    private static PacketEvent randomEvent(Random r) {
        String src = address(r);
        String dst = address(r);
        return PacketEvent.newBuilder()
                .setEventTime(Instant.ofEpochMilli(r.nextBoolean() ? 1_772_366_400_000L + r.nextInt(1 << 30)
                        : r.nextLong() >> 22))
                .setInterfaceId("eni-" + text(r)).setAccountId(text(r)).setVpcId("vpc-" + text(r))
                .setSubnetId("subnet-" + text(r)).setInstanceId(orNull(r, "i-" + text(r)))
                .setAzId(text(r)).setRegion(text(r)).setSrcAddr(src).setDstAddr(dst)
                .setSrcPort(number(r)).setDstPort(number(r)).setProtocol(number(r))
                .setPackets(r.nextBoolean() ? r.nextInt(100) : r.nextLong())
                .setBytes(r.nextBoolean() ? r.nextInt(100_000) : r.nextLong())
                .setTcpFlags(number(r))
                .setFlowDirection(r.nextBoolean() ? FlowDirection.INGRESS : FlowDirection.EGRESS)
                .setAction(r.nextBoolean() ? Action.ACCEPT : Action.REJECT)
                .setExplanationCode(r.nextInt(4) == 0 ? "BPA_BLOCKED" : orNull(r, text(r)))
                .setBlockingComponent(orNull(r, text(r))).setRule(orNull(r, text(r)))
                .setPktSrcAddr(switch (r.nextInt(3)) { case 0 -> null; case 1 -> src; default -> address(r); })
                .setPktDstAddr(switch (r.nextInt(3)) { case 0 -> null; case 1 -> dst; default -> address(r); })
                .setPktSrcAwsService(orNull(r, text(r))).setPktDstAwsService(orNull(r, text(r)))
                .setTrafficPath(r.nextBoolean() ? null : number(r))
                .setScenario(text(r)).setSublocationType(orNull(r, text(r))).setSublocationId(orNull(r, text(r)))
                .build();
    }

    private static String address(Random r) {
        return r.nextBoolean() ? "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256)
                : "2001:db8::" + Integer.toHexString(r.nextInt(65_536));
    }

    private static int number(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> Integer.MIN_VALUE;
            case 1 -> Integer.MAX_VALUE;
            default -> r.nextInt(70_000) - 1_000;
        };
    }

    private static String text(Random r) {
        String[] parts = {"a", "0f", "é", "日本", "-", "😀", "", "x".repeat(130)};
        StringBuilder b = new StringBuilder();
        for (int i = r.nextInt(4); i >= 0; i--) {
            b.append(parts[r.nextInt(parts.length)]);
        }
        return b.toString();
    }

    private static String orNull(Random r, String s) {
        return r.nextInt(3) == 0 ? null : s;
    }
}
