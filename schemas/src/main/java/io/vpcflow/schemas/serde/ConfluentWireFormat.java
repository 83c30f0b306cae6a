package io.vpcflow.schemas.serde;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/**
 * Confluent's framing of a registry-encoded message: magic byte 0, the writer schema's registry
 * id as a 4-byte big-endian int, then the Avro binary encoding of the datum.
 */
final class ConfluentWireFormat {

    static final byte MAGIC = 0;
    static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC).putInt(schemaId).array();
    }

    /** The schema id of a framed message; throws if the frame is not Confluent's. */
    static int schemaId(byte[] message, String topic) {
        if (message.length < HEADER_SIZE || message[0] != MAGIC) {
            throw new SerializationException("record in topic '" + topic
                    + "' is not in Confluent schema-registry wire format (magic byte 0 + 4-byte schema id)");
        }
        return ByteBuffer.wrap(message, 1, 4).getInt();
    }

    /** TopicNameStrategy: {@code <topic>-key} or {@code <topic>-value}. */
    static String subject(String topic, boolean isKey) {
        return topic + (isKey ? "-key" : "-value");
    }
}
