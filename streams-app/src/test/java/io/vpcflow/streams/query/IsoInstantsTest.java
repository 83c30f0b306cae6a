package io.vpcflow.streams.query;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The short paths give what {@link Instant#parse} and {@link Instant#toString} give. */
class IsoInstantsTest {
    @Test
    void randomInstantsFormatAndParseAsJavaTimeDoes() {
        SplittableRandom random = new SplittableRandom(7);
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(min, max + 1);
            int nano = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant t = Instant.ofEpochSecond(second, nano);
            String text = t.toString();
            assertThat(IsoInstants.format(t)).as("format %s", text).isEqualTo(text);
            assertThat(IsoInstants.parse(text)).as("parse %s", text).isEqualTo(t);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2024-03-01T12:00:00Z", "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2000-02-29T00:00:00.001Z", "1969-12-31T23:59:59Z",
            "2024-03-01T24:00:00Z", "2015-06-30T23:59:60Z", "2024-03-01T12:00:00.5Z", "2024-03-01T12:00:00+01:00",
            "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z"})
    void edgeCasesParseAsJavaTimeDoes(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
        assertThat(IsoInstants.format(Instant.parse(text))).isEqualTo(Instant.parse(text).toString());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-04-31T00:00:00Z",
            "2024-03-01T25:00:00Z", "2024-03-01T12:60:00Z", "2024-03-01T12:00:00.12aZ", "2024-0a-01T00:00:00Z",
            "2024-03-01 12:00:00Z", "yesterday", "2024-03-01T12:00:00.000", "2024-03-01T12:00Z"})
    void badTextFailsAsJavaTimeDoes(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
