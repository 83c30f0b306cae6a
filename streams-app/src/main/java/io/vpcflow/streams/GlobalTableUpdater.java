package io.vpcflow.streams;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps a global store equal to its compacted topic (a null value deletes the key) and signals the change. Global
 * stores have no changelog: the topic itself is restored on start.
 */
final class GlobalTableUpdater<V> implements Processor<String, V, Void, Void> {
    private final String storeName;
    private final ChangeSignal signal;
    private KeyValueStore<String, V> store;

    GlobalTableUpdater(String storeName, ChangeSignal signal) {
        this.storeName = storeName;
        this.signal = signal;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), record.value());
        }
        signal.changed();
    }
}
