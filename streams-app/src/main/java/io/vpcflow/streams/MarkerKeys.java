package io.vpcflow.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the small marker stores, each starting with a window's end (big-endian) so that expiry is one range scan,
 * like {@link WindowKey}: activity ("interface had traffic in this window of this interval") and SKIPDATA
 * ("this subscription's window of this interface already has a SKIPDATA record").
 */
final class MarkerKeys {
    private MarkerKeys() {
    }

    static Bytes activity(long windowEnd, int intervalSeconds, String interfaceId) {
        byte[] eni = interfaceId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + 4 + eni.length)
                .putLong(windowEnd).putInt(intervalSeconds).put(eni).array());
    }

    static Bytes skipData(long windowEnd, String subscriptionId, String interfaceId) {
        byte[] sub = subscriptionId.getBytes(StandardCharsets.UTF_8);
        byte[] eni = interfaceId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + 4 + sub.length + eni.length)
                .putLong(windowEnd).putInt(sub.length).put(sub).put(eni).array());
    }
}
