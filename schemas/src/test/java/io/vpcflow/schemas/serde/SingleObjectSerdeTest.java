package io.vpcflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import io.vpcflow.schemas.SampleRecords;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.PacketEvent;

class SingleObjectSerdeTest {

    private final AvroSerdes serdes = new AvroSerdes(SerdeConfig.withoutRegistry());

    static Stream<SpecificRecord> samples() {
        return Stream.of(SampleRecords.rejectedPacket(), SampleRecords.flowLogRecord(), SampleRecords.finding(),
                SampleRecords.interfaceMetadata(), SampleRecords.subscription());
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings("unchecked")
    <T extends SpecificRecord> void roundTripsEverySchema(T record) {
        Serde<T> serde = serdes.forValue((Class<T>) record.getClass());
        byte[] bytes = serde.serializer().serialize("any-topic", record);

        assertThat(bytes[0]).as("single-object marker").isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserializer().deserialize("any-topic", bytes)).isEqualTo(record);
    }

    @Test
    void keySerdeRoundTrips() {
        Serde<PacketEvent> serde = serdes.forKey(PacketEvent.class);
        PacketEvent event = SampleRecords.rejectedPacket();
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", event))).isEqualTo(event);
    }

    @Test
    void bytesOfAnotherSchemaFailWithTheSchemaName() {
        byte[] packet = serdes.forValue(PacketEvent.class).serializer().serialize("t", SampleRecords.rejectedPacket());
        assertThatThrownBy(() -> serdes.forValue(Finding.class).deserializer().deserialize("t", packet))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("io.vpcflow.schemas.avro.Finding")
                .hasMessageContaining("'t'");
    }

    @Test
    void nullsPassThrough() {
        Serde<PacketEvent> serde = serdes.forValue(PacketEvent.class);
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }

    @Test
    void tellsWhereTheBodyOfAValueOfTheCurrentSchemaStarts() {
        Serde<PacketEvent> serde = serdes.forValue(PacketEvent.class);
        byte[] current = serde.serializer().serialize("t", SampleRecords.rejectedPacket());
        CurrentSchemaBody body = (CurrentSchemaBody) serde.deserializer();
        assertThat(body.currentSchemaBody("t", current)).isEqualTo(10);

        byte[] otherFingerprint = current.clone();
        otherFingerprint[5] ^= 1;
        assertThat(body.currentSchemaBody("t", otherFingerprint)).isEqualTo(-1);
        byte[] subscription = serdes.forValue(FlowLogSubscription.class).serializer()
                .serialize("t", SampleRecords.subscription());
        assertThat(body.currentSchemaBody("t", subscription)).isEqualTo(-1);
        assertThat(body.currentSchemaBody("t", new byte[] {(byte) 0xC3, 0x01, 0})).isEqualTo(-1);
    }
}
