package io.vpcflow.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro single-object encoding (marker, schema fingerprint, binary datum): no registry needed. Records of a flat schema
 * are written by {@link FlatRecordWriter} (the same bytes), others by Avro's encoder.
 */
final class SingleObjectSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Schema schema;
    private final BinaryMessageEncoder<T> encoder;
    private final FlatRecordWriter flat;
    private final byte[] header;

    SingleObjectSerializer(Schema schema, SpecificData model) {
        this.schema = schema;
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.flat = FlatRecordWriter.of(schema, model.getClass(schema));
        this.header = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0xC3).put((byte) 0x01)
                .putLong(SchemaNormalization.parsingFingerprint64(schema)).array();
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (flat != null) {
            return flat.serialize(header, data, topic);
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
