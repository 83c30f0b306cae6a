package io.vpcflow.schemas.topic;

import org.apache.kafka.common.serialization.Serde;

/** A Kafka topic with the serdes of its keys and values: one typed, immutable value per topic, built once. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("topic has no name");
        }
    }
}
