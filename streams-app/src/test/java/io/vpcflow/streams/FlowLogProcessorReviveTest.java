package io.vpcflow.streams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@link FlowLogProcessor} revived by Kafka Streams ({@code closeDirtyAndRevive}: the same instance, {@code init}
 * again, the stores back at the last commit) writes the activity mark of an event replayed after the revive, though
 * it had written it before for the same interface and window: the mark it wrote was never committed.
 */
class FlowLogProcessorReviveTest {
    private static final long W1 = T0 + 60_000;

    @TempDir
    Path stateDir;

    private final VpcflowTopics topics =
            VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));
    private final FlowLogProcessor processor =
            new FlowLogProcessor(FlowLogDriver.testConfig(), new FlowLogCounters(), new ChangeSignal());
    private final List<StateStore> stores = new ArrayList<>();
    private int lives;

    @AfterEach
    void closeStores() {
        stores.forEach(StateStore::close);
    }

    @Test
    void anEventReplayedAfterARevivePreventsTheNoDataOfItsWindow() {
        PacketEvent e = event("eni-a1", 1_000).build();
        MockProcessorContext<String, Object> first = init();
        first.setCurrentStreamTimeMs(e.getEventTime().toEpochMilli());
        processor.process(new Record<>(new byte[0], PacketEventBytes.of(e), e.getEventTime().toEpochMilli()));

        MockProcessorContext<String, Object> revived = init(); // the stores as committed: without the event
        revived.setCurrentStreamTimeMs(e.getEventTime().toEpochMilli());
        processor.process(new Record<>(new byte[0], PacketEventBytes.of(e), e.getEventTime().toEpochMilli()));
        punctuate(revived, W1 + 60_000); // W1 closed and published

        assertThat(revived.forwarded()).filteredOn(f -> f.childName().orElse("").equals(FlowLogTopology.RECORDS_SINK))
                .extracting(f -> ((FlowLogRecord) f.record().value()).getLogStatus())
                .containsExactly(LogStatus.OK);
    }

    /**
     * Initializes the processor on new stores holding what the last commit holds: eni-a1's subscription and a
     * punctuation at T0, so W1 is the first window to close.
     */
    private MockProcessorContext<String, Object> init() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flow-log-revive");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0),
                stateDir.resolve("life-" + ++lives).toFile());
        context.setCurrentSystemTimeMs(T0);
        register(context, FlowStore.builder(FlowLogTopology.WINDOWS_STORE, topics.flowLogs().valueSerde(), 1_000)
                .withLoggingDisabled().build());
        register(context, inMemory(FlowLogTopology.ACTIVITY_STORE, Serdes.Bytes(), Serdes.Long()));
        register(context, inMemory(FlowLogTopology.SKIPDATA_STORE, Serdes.Bytes(), Serdes.Long()));
        register(context, inMemory(FlowLogTopology.PROGRESS_STORE, Serdes.String(), Serdes.Long()));
        KeyValueStore<String, FlowLogSubscription> subscriptions = register(context,
                inMemory(FlowLogTopology.SUBSCRIPTIONS_STORE, Serdes.String(), topics.subscriptions().valueSerde()));
        subscriptions.put("fl-1", FlowLogSubscription.newBuilder().setFlowLogId("fl-1")
                .setScopeType(FlowLogScope.INTERFACE).setResourceId("eni-a1").setTrafficType(TrafficType.ALL)
                .setMaxAggregationIntervalSeconds(60).setLogFormat("").setDestination("topic:flow-log-lines")
                .setAccountId(FlowLogDriver.ACCOUNT).setRegion("us-east-1").build());
        register(context, inMemory(FlowLogTopology.INTERFACES_STORE, Serdes.String(),
                topics.interfaces().valueSerde())).put("eni-a1", FlowLogDriver.metadata("eni-a1"));
        processor.init(context);
        punctuate(context, T0);
        return context;
    }

    private static <K, V> KeyValueStore<K, V> inMemory(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values).withLoggingDisabled()
                .build();
    }

    private <S extends StateStore> S register(MockProcessorContext<String, Object> context, S store) {
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        stores.add(store);
        return store;
    }

    /** Runs the stream-time punctuation at {@code time}, as stream time reaching it does. */
    private static void punctuate(MockProcessorContext<String, Object> context, long time) {
        context.setCurrentStreamTimeMs(time);
        context.scheduledPunctuators().stream().filter(p -> p.getType() == PunctuationType.STREAM_TIME)
                .forEach(p -> p.getPunctuator().punctuate(time));
    }
}
