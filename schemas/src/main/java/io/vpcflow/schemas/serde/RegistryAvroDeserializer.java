package io.vpcflow.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: fetches the writer schema by id and resolves it to the
 * generated class's schema (the reader), so data written with older compatible schemas decodes.
 */
final class RegistryAvroDeserializer<T extends SpecificRecord> implements Deserializer<T>, CurrentSchemaBody {

    private final SchemaRegistryClient registry;
    private final Schema readerSchema;
    private final SpecificData model;
    private final boolean isKey;
    private final Map<Integer, DatumReader<T>> readerById = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> currentById = new ConcurrentHashMap<>();

    RegistryAvroDeserializer(SchemaRegistryClient registry, Schema readerSchema, SpecificData model, boolean isKey) {
        this.registry = registry;
        this.readerSchema = readerSchema;
        this.model = model;
        this.isKey = isKey;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        int id = ConfluentWireFormat.schemaId(data, topic);
        DatumReader<T> reader = readerById.computeIfAbsent(id, key -> new SpecificDatumReader<>(
                registry.schemaById(key, ConfluentWireFormat.subject(topic, isKey)), readerSchema, model));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(
                data, ConfluentWireFormat.HEADER_SIZE, data.length - ConfluentWireFormat.HEADER_SIZE, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("cannot decode " + readerSchema.getFullName()
                    + " written with schema id " + id + " from topic '" + topic + "'", e);
        }
    }

    @Override
    public int currentSchemaBody(String topic, byte[] data) {
        if (data == null || data.length < ConfluentWireFormat.HEADER_SIZE || data[0] != 0) {
            return -1;
        }
        int id = ConfluentWireFormat.schemaId(data, topic);
        boolean current = currentById.computeIfAbsent(id, key -> readerSchema.equals(
                registry.schemaById(key, ConfluentWireFormat.subject(topic, isKey))));
        return current ? ConfluentWireFormat.HEADER_SIZE : -1;
    }
}
