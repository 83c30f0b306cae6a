package io.vpcflow.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Avro single-object encoding (marker, schema fingerprint, binary datum): no registry needed. */
final class SingleObjectSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;

    SingleObjectSerializer(Schema schema, SpecificData model) {
        this.schema = schema;
        this.encoder = new BinaryMessageEncoder<>(model, schema);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(data, out);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot Avro-encode " + schema.getFullName()
                    + " for topic '" + topic + "'", e);
        }
        return out.toByteArray();
    }
}
