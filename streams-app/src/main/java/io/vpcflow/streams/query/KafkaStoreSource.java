package io.vpcflow.streams.query;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A store partition of a running instance. Without stale reads only an active, fully restored task answers (Kafka
 * Streams refuses otherwise, for instance during a rebalance); with them a standby replica or a restoring task may.
 */
record KafkaStoreSource(KafkaStreams streams, boolean stale) implements StoreSource {
    @Override
    public <V> ReadOnlyKeyValueStore<String, V> store(String name, int partition) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> params = StoreQueryParameters
                .fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()).withPartition(partition);
        try {
            return streams.store(stale ? params.enableStaleStores() : params);
        } catch (InvalidStateStoreException e) {
            throw QueryException.unavailable("partition " + partition + " of " + name
                    + " cannot be read here now (" + e.getMessage() + ")");
        }
    }
}
