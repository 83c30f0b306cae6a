package io.vpcflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.vpcflow.schemas.SampleRecords;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;

class RegistrySerdeTest {

    private final FakeSchemaRegistry registry = new FakeSchemaRegistry();

    @BeforeEach
    void startRegistry() throws Exception {
        registry.start();
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    static Stream<SpecificRecord> samples() {
        return SingleObjectSerdeTest.samples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void roundTripsEverySchema(T record) {
        Serde<T> serde = new AvroSerdes(SerdeConfig.withRegistry(registry.url())).forValue((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("topic-a", record);
        assertThat(serde.deserializer().deserialize("topic-a", bytes)).isEqualTo(record);
    }

    @Test
    void writesConfluentWireFormatUnderTopicNameStrategySubjects() {
        AvroSerdes serdes = new AvroSerdes(SerdeConfig.withRegistry(registry.url() + "/"));
        byte[] value = serdes.forValue(PacketEvent.class).serializer().serialize("packets", SampleRecords.rejectedPacket());
        byte[] key = serdes.forKey(NetworkInterfaceMetadata.class).serializer()
                .serialize("packets", SampleRecords.interfaceMetadata());

        assertThat(value[0]).as("magic byte").isZero();
        assertThat(ByteBuffer.wrap(value, 1, 4).getInt()).as("schema id").isEqualTo(1);
        assertThat(ByteBuffer.wrap(key, 1, 4).getInt()).isEqualTo(2);
        assertThat(registry.requests).containsExactly(
                "POST /subjects/packets-value/versions", "POST /subjects/packets-key/versions");
    }

    @Test
    void cachesIdsBothWays() {
        AvroSerdes serdes = new AvroSerdes(SerdeConfig.withRegistry(registry.url()));
        Serde<PacketEvent> serde = serdes.forValue(PacketEvent.class);
        IntStream.range(0, 50).forEach(i -> serde.deserializer().deserialize("packets",
                serde.serializer().serialize("packets", SampleRecords.rejectedPacket())));
        // the id answered by the registration is already known to the reader: no GET at all
        assertThat(registry.requests).containsExactly("POST /subjects/packets-value/versions");

        Serde<PacketEvent> otherFactory = new AvroSerdes(SerdeConfig.withRegistry(registry.url())).forValue(PacketEvent.class);
        byte[] bytes = serde.serializer().serialize("packets", SampleRecords.rejectedPacket());
        IntStream.range(0, 50).forEach(i -> otherFactory.deserializer().deserialize("packets", bytes));
        assertThat(registry.requests).containsExactly("POST /subjects/packets-value/versions", "GET /schemas/ids/1");
    }

    @Test
    void incompatibleSchemaNamesSubjectAndUrl() {
        registry.rejectAsIncompatible.add("subscriptions-value");
        Serde<FlowLogSubscription> serde = new AvroSerdes(SerdeConfig.withRegistry(registry.url()))
                .forValue(FlowLogSubscription.class);

        assertThatThrownBy(() -> serde.serializer().serialize("subscriptions", SampleRecords.subscription()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'subscriptions-value'")
                .hasMessageContaining(registry.url())
                .hasMessageContaining("incompatible (HTTP 409)");
    }

    @Test
    void unreachableRegistryNamesSubjectAndUrl() {
        String deadUrl = registry.url();
        registry.close();
        Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withRegistry(deadUrl).withBasicAuth("svc", "s3cr3t"))
                .forValue(PacketEvent.class);

        assertThatThrownBy(() -> serde.serializer().serialize("packets", SampleRecords.rejectedPacket()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'packets-value'")
                .hasMessageContaining(deadUrl)
                .hasMessageContaining("unreachable")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void sendsBasicAuthWithoutPrintingIt() {
        SerdeConfig config = SerdeConfig.withRegistry(registry.url()).withBasicAuth("svc", "s3cr3t");
        new AvroSerdes(config).forValue(PacketEvent.class).serializer().serialize("packets", SampleRecords.rejectedPacket());

        assertThat(registry.authorizations).containsExactly("Basic c3ZjOnMzY3IzdA==");
        assertThat(config.toString()).contains("svc").doesNotContain("s3cr3t");
    }

    @Test
    void rejectsBytesThatAreNotConfluentFramed() {
        Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withRegistry(registry.url())).forValue(PacketEvent.class);
        assertThatThrownBy(() -> serde.deserializer().deserialize("packets", new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'packets'")
                .hasMessageContaining("magic byte");
    }

    @Test
    void unknownSchemaIdNamesUrl() {
        Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withRegistry(registry.url())).forValue(PacketEvent.class);
        byte[] framed = {0, 0, 0, 0, 42, 0};
        assertThatThrownBy(() -> serde.deserializer().deserialize("packets", framed))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("fetch schema id 42")
                .hasMessageContaining(registry.url())
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void nullsPassThrough() {
        Serde<PacketEvent> serde = new AvroSerdes(SerdeConfig.withRegistry(registry.url())).forValue(PacketEvent.class);
        assertThat(serde.serializer().serialize("packets", null)).isNull();
        assertThat(serde.deserializer().deserialize("packets", null)).isNull();
        assertThat(registry.requests).isEmpty();
    }

    @Test
    void tellsWhereTheBodyOfAValueOfTheCurrentSchemaStarts() {
        AvroSerdes serdes = new AvroSerdes(SerdeConfig.withRegistry(registry.url()));
        Serde<PacketEvent> serde = serdes.forValue(PacketEvent.class);
        byte[] current = serde.serializer().serialize("packets", SampleRecords.rejectedPacket());
        CurrentSchemaBody body = (CurrentSchemaBody) serde.deserializer();
        assertThat(body.currentSchemaBody("packets", current)).isEqualTo(5);

        // another schema, under another id: its bytes must go through schema resolution
        byte[] subscription = serdes.forValue(FlowLogSubscription.class).serializer()
                .serialize("packets", SampleRecords.subscription());
        assertThat(ByteBuffer.wrap(subscription, 1, 4).getInt()).isNotEqualTo(ByteBuffer.wrap(current, 1, 4).getInt());
        assertThat(body.currentSchemaBody("packets", subscription)).isEqualTo(-1);
        assertThat(body.currentSchemaBody("packets", new byte[] {1, 2, 3})).isEqualTo(-1);
    }
}
