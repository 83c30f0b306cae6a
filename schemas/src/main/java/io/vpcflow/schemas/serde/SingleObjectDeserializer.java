package io.vpcflow.schemas.serde;

import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes Avro single-object encoding. Knows the current schema and every older version this
 * build ships ({@link ShippedSchemas}), picking the writer schema by its fingerprint.
 */
final class SingleObjectDeserializer<T extends SpecificRecord> implements Deserializer<T>, CurrentSchemaBody {
    /** Single-object header: marker 0xC3 0x01, then the schema's 64-bit parsing fingerprint, little-endian. */
    private static final int HEADER_SIZE = 10;

    private final Schema schema;
    private final BinaryMessageDecoder<T> decoder;
    private final long fingerprint;

    SingleObjectDeserializer(Schema schema, SpecificData model, List<Schema> olderVersions) {
        this.schema = schema;
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        this.fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        olderVersions.forEach(decoder::addSchema);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + schema.getFullName()
                    + " (Avro single-object encoding) from topic '" + topic + "': " + e.getMessage(), e);
        }
    }

    @Override
    public int currentSchemaBody(String topic, byte[] data) {
        if (data == null || data.length < HEADER_SIZE || data[0] != (byte) 0xC3 || data[1] != 0x01) {
            return -1;
        }
        long written = 0;
        for (int i = HEADER_SIZE - 1; i >= 2; i--) {
            written = written << 8 | (data[i] & 0xFF);
        }
        return written == fingerprint ? HEADER_SIZE : -1;
    }
}
