package io.vpcflow.schemas.serde;

import java.io.IOException;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes Avro single-object encoding. Knows the current schema and every older version this
 * build ships ({@link ShippedSchemas}), picking the writer schema by its fingerprint.
 */
final class SingleObjectDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final Schema schema;
    private final BinaryMessageDecoder<T> decoder;

    SingleObjectDeserializer(Schema schema, SpecificData model, List<Schema> olderVersions) {
        this.schema = schema;
        this.decoder = new BinaryMessageDecoder<>(model, schema);
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
}
