package io.vpcflow.streams;

import java.nio.file.Path;
import java.util.Properties;

import io.vpcflow.model.eval.ExplanationCode;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;

/**
 * A {@link FlowStore} on a RocksDB state directory, opened as a task opens it, and events added to it as
 * {@link FlowLogProcessor} adds them, for one 60-s subscription ({@value #SUBSCRIPTION_ID}).
 */
final class FlowStoreFixture {
    static final String SUBSCRIPTION_ID = "fl-1";
    static final long WINDOW_MS = 60_000;
    static final Subscription SUBSCRIPTION = Subscription.compile(subscription());
    private static final VpcflowTopics TOPICS =
            VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX, new AvroSerdes(SerdeConfig.withoutRegistry()));

    /** The subscription: flow log {@value #SUBSCRIPTION_ID} on interface eni-a1, traffic ALL, 60 s, default format. */
    static FlowLogSubscription subscription() {
        return FlowLogSubscription.newBuilder().setFlowLogId(SUBSCRIPTION_ID).setScopeType(FlowLogScope.INTERFACE)
                .setResourceId("eni-a1").setTrafficType(TrafficType.ALL).setMaxAggregationIntervalSeconds(60)
                .setLogFormat("").setDestination("topic:flow-log-lines").setAccountId(FlowLogDriver.ACCOUNT)
                .setRegion("us-east-1").build();
    }

    private FlowStoreFixture() {
    }

    /** The windows store on {@code stateDir}, without a changelog: what another instance left there reads back. */
    static FlowStore open(Path stateDir, int retainedFlows) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "flow-store-reopen");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<Object, Object> context = new MockProcessorContext<>(props, new TaskId(0, 0),
                stateDir.toFile());
        FlowStore store = FlowStore.builder(FlowLogTopology.WINDOWS_STORE, TOPICS.flowLogs().valueSerde(),
                retainedFlows).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }

    static Bytes key(long windowEnd, PacketEvent e) {
        return WindowKey.encodeFlow(windowEnd - WINDOW_MS, windowEnd, SUBSCRIPTION_ID, e.getInterfaceId(),
                e.getSrcAddr(), e.getDstAddr(), e.getSrcPort(), e.getDstPort(), e.getProtocol(), e.getAction());
    }

    /** Adds the event to its flow of the window, as the processor does. */
    static void add(FlowStore store, long windowEnd, PacketEvent e) {
        Bytes key = key(windowEnd, e);
        FlowAggregate flow = store.flow(windowEnd, key);
        if (flow == null) {
            store.add(FlowAggregate.first(windowEnd, key, PacketEventBytes.of(e), SUBSCRIPTION));
        } else {
            store.changed(flow.add(PacketEventBytes.of(e)));
        }
    }

    /**
     * The reference for the store's records: an OK record of one event, with every field as the model stamped it; {@code reject-reason} is BPA for a packet
     * the model rejected because of VPC Block Public Access (explanation code BPA_BLOCKED), otherwise null ("-").
     */
    static FlowLogRecord firstRecord(PacketEvent e, Subscription s) {
        return FlowLogRecord.newBuilder()
                .setVersion(s.format().version())
                .setAccountId(e.getAccountId())
                .setInterfaceId(e.getInterfaceId())
                .setSrcAddr(e.getSrcAddr())
                .setDstAddr(e.getDstAddr())
                .setSrcPort(e.getSrcPort())
                .setDstPort(e.getDstPort())
                .setProtocol(e.getProtocol())
                .setPackets(e.getPackets())
                .setBytes(e.getBytes())
                .setStart(e.getEventTime())
                .setEnd(e.getEventTime())
                .setAction(e.getAction())
                .setLogStatus(LogStatus.OK)
                .setVpcId(e.getVpcId())
                .setSubnetId(e.getSubnetId())
                .setInstanceId(e.getInstanceId())
                .setTcpFlags(FlowLogRecords.reportedTcpFlags(e.getTcpFlags()))
                .setType(e.getSrcAddr().indexOf(':') >= 0 ? "IPv6" : "IPv4")
                .setPktSrcAddr(e.getPktSrcAddr() != null ? e.getPktSrcAddr() : e.getSrcAddr())
                .setPktDstAddr(e.getPktDstAddr() != null ? e.getPktDstAddr() : e.getDstAddr())
                .setRegion(e.getRegion())
                .setAzId(e.getAzId())
                .setSublocationType(e.getSublocationType())
                .setSublocationId(e.getSublocationId())
                .setPktSrcAwsService(e.getPktSrcAwsService())
                .setPktDstAwsService(e.getPktDstAwsService())
                .setFlowDirection(e.getFlowDirection())
                .setTrafficPath(e.getTrafficPath())
                .setSubscriptionId(s.id())
                .setRejectReason(ExplanationCode.flowLogRejectReason(e.getExplanationCode()))
                .setExplanationCode(e.getExplanationCode())
                .setBlockingComponent(e.getBlockingComponent())
                .setRule(e.getRule())
                .build();
    }
}
