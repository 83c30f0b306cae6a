package io.vpcflow.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka serdes for vpcflow's generated Avro classes, in one of two modes chosen by
 * {@link SerdeConfig#schemaRegistryUrl()}:
 * <ul>
 *   <li>set: Confluent Schema Registry wire format (magic byte 0, 4-byte schema id, Avro binary),
 *       subjects {@code <topic>-key}/{@code <topic>-value}, readers resolve the writer schema
 *       fetched by id to the generated class's schema;</li>
 *   <li>{@code null}: Avro single-object encoding; readers also know older shipped schema
 *       versions, so compatible evolution works without a registry.</li>
 * </ul>
 * One factory shares one registry client (and its caches) between all serdes it creates.
 */
public final class AvroSerdes {

    private static final Logger LOG = LoggerFactory.getLogger(AvroSerdes.class);

    private final SchemaRegistryClient registry;

    public AvroSerdes(SerdeConfig config) {
        TrustedAvroPackages.install();
        this.registry = config.usesRegistry() ? new SchemaRegistryClient(config) : null;
        LOG.info("Avro serdes: {}", config.usesRegistry()
                ? "schema registry " + config.schemaRegistryUrl()
                : "single-object encoding, no registry");
    }

    /** Serde for record values of {@code type}. */
    public <T extends SpecificRecord> Serde<T> forValue(Class<T> type) {
        return serde(type, false);
    }

    /** Serde for record keys of {@code type} (registry subject {@code <topic>-key}). */
    public <T extends SpecificRecord> Serde<T> forKey(Class<T> type) {
        return serde(type, true);
    }

    private <T extends SpecificRecord> Serde<T> serde(Class<T> type, boolean isKey) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        if (registry != null) {
            return Serdes.serdeFrom(
                    new RegistryAvroSerializer<>(registry, schema, model, isKey),
                    new RegistryAvroDeserializer<>(registry, schema, model, isKey));
        }
        return Serdes.serdeFrom(
                new SingleObjectSerializer<>(schema, model),
                new SingleObjectDeserializer<>(schema, model, ShippedSchemas.olderVersionsOf(schema.getFullName())));
    }
}
