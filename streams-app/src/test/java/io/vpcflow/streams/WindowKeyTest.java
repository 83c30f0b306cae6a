package io.vpcflow.streams;

import java.util.ArrayList;
import java.util.List;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.LogStatus;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The window-store key: decodes to what was encoded, and byte order is window-end order. */
class WindowKeyTest {

    @Test
    void decodesWhatItEncodes() {
        WindowKey flow = WindowKey.flow(60_000, 120_000, "fl-1", "eni-a1", "10.0.0.1", "10.0.0.2", 443, 40000, 6,
                Action.REJECT);
        WindowKey noData = WindowKey.status(0, 600_000, "fl-2", "eni-a2", LogStatus.NODATA);

        assertThat(WindowKey.decode(flow.encode())).isEqualTo(flow);
        assertThat(WindowKey.decode(noData.encode())).isEqualTo(noData);
    }

    @Test
    void byteOrderIsWindowEndOrderAndAfterBoundsARange() {
        List<Bytes> keys = new ArrayList<>(List.of(
                WindowKey.status(540_000, 600_000, "fl-z", "eni-z", LogStatus.NODATA).encode(),
                WindowKey.status(0, 600_000, "fl-a", "eni-a", LogStatus.SKIPDATA).encode(),
                WindowKey.flow(60_000, 120_000, "fl-a", "eni-a", "a", "b", 1, 2, 6, Action.ACCEPT).encode(),
                WindowKey.status(1_200_000_000_000L, 1_200_000_060_000L, "a", "b", LogStatus.NODATA).encode()));
        keys.sort(null);

        assertThat(keys).extracting(k -> WindowKey.decode(k).windowEnd())
                .containsExactly(120_000L, 600_000L, 600_000L, 1_200_000_060_000L);
        assertThat(keys.get(2).compareTo(WindowKey.after(600_000))).isNegative();
        assertThat(keys.get(3).compareTo(WindowKey.after(600_000))).isPositive();
        assertThat(keys.get(0).compareTo(WindowKey.FIRST)).isPositive();
    }
}
