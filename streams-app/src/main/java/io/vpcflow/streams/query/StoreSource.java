package io.vpcflow.streams.query;

import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** One partition of a query store: from a running {@code KafkaStreams}, or from a {@code TopologyTestDriver}. */
@FunctionalInterface
interface StoreSource {
    /**
     * The store {@code name} of {@code partition}; throws {@link QueryException} (503) when this instance cannot
     * answer for it now.
     */
    <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition);
}
