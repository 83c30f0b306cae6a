package io.vpcflow.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The fast path writes exactly the bytes the schemas module's serializer writes, for every event of a mixed run. */
class PacketEventEncoderTest {
    private static final Topic<String, PacketEvent> TOPIC = VpcflowTopics.create("t",
            new AvroSerdes(SerdeConfig.withoutRegistry())).packetEvents();

    @Test
    void encodedEventsEqualSerializedEventsAndDecodeBack() {
        GeneratorConfig config = GeneratorConfig.defaults().withStart(Generated.START).withSeed(17)
                .simulated(Duration.ofMinutes(2));
        List<PacketEvent> events = Generated.run(Generated.SAMPLE, config).events;
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        Serializer<PacketEvent> serializer = TOPIC.valueSerde().serializer();
        EventSink encoded = new EventSink() {
            @Override public void start() { }
            @Override public void send(PacketEvent event) { throw new AssertionError("fast path not taken"); }
            @Override public boolean acceptsEncoded() { return true; }
            @Override public Serializer<PacketEvent> serializer() { return serializer; }
            @Override public void sendEncoded(byte[] key, byte[] value, long timestamp) {
                keys.add(key);
                values.add(value);
                times.add(timestamp);
            }
            @Override public void flush() { }
            @Override public void close() { }
        };
        try (TrafficGenerator g = new TrafficGenerator(config, Generated.SAMPLE, encoded, new Ledger(List.of()))) {
            g.start();
            g.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertThat(values).hasSameSizeAs(events).hasSizeGreaterThan(1_000);
        for (int i = 0; i < events.size(); i++) {
            PacketEvent e = events.get(i);
            assertThat(values.get(i)).as("event %d", i).isEqualTo(serializer.serialize(TOPIC.name(), e));
            assertThat(new String(keys.get(i), StandardCharsets.UTF_8)).isEqualTo(e.getInterfaceId());
            assertThat(times.get(i)).isEqualTo(e.getEventTime().toEpochMilli());
        }
        assertThat(TOPIC.valueSerde().deserializer().deserialize(TOPIC.name(), values.get(values.size() - 1)))
                .isEqualTo(events.get(events.size() - 1));
    }
}
