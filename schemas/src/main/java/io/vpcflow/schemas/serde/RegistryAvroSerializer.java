package io.vpcflow.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/** Writes the Confluent wire format, registering the record's schema under TopicNameStrategy. */
final class RegistryAvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SchemaRegistryClient registry;
    private final Schema schema;
    private final DatumWriter<T> writer;
    /** Records of a flat schema are written without Avro's writer (the same bytes, {@link FlatRecordWriter}). */
    private final FlatRecordWriter flat;
    private final boolean isKey;
    private final Map<String, byte[]> headerByTopic = new ConcurrentHashMap<>();

    RegistryAvroSerializer(SchemaRegistryClient registry, Schema schema, SpecificData model, boolean isKey) {
        this.registry = registry;
        this.schema = schema;
        this.writer = new SpecificDatumWriter<>(schema, model);
        this.flat = FlatRecordWriter.of(schema, model.getClass(schema));
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        byte[] header = headerByTopic.computeIfAbsent(topic, t ->
                ConfluentWireFormat.header(registry.register(ConfluentWireFormat.subject(t, isKey), schema)));
        if (flat != null) {
            return flat.serialize(header, data, topic);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.writeBytes(header);
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot Avro-encode " + schema.getFullName()
                    + " for topic '" + topic + "'", e);
        }
        return out.toByteArray();
    }
}
