package io.vpcflow.streams.query;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrafficTotalsSerdeTest {
    private final Serde<TrafficTotals> serde = TrafficTotalsSerde.serde();

    @Test
    void totalsSurviveTheBinaryFormat() {
        TrafficTotals t = new TrafficTotals("eni-0a1", "vpc-01", "subnet-ü", 123_456_789_012L, 42, 7);
        byte[] bytes = serde.serializer().serialize("changelog", t);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(serde.deserializer().deserialize("changelog", bytes)).isEqualTo(t);
    }

    @Test
    void valuesWrittenAsJsonBeforeTheBinaryFormatAreStillRead() {
        byte[] old = JsonSerde.of(TrafficTotals.class).serializer().serialize("changelog",
                new TrafficTotals("eni-1", "vpc-1", "subnet-1", 10, 2, 1));
        assertThat(serde.deserializer().deserialize("changelog", old))
                .isEqualTo(new TrafficTotals("eni-1", "vpc-1", "subnet-1", 10, 2, 1));
    }

    @Test
    void anUnknownOrTruncatedValueIsAnErrorNamingTheTopic() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", "x".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("changelog")
                .hasMessageContaining("unknown format");
        assertThatThrownBy(() -> serde.deserializer().deserialize("changelog", new byte[] {1, 0, 5}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("cut short");
    }
}
