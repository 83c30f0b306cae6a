package io.vpcflow.streams.query;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.streams.RuleText;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Writes each flow-log record into the three flow-log stores of {@link QueryTopology}. The record key is the input
 * offset, so a record published twice (an ingest run repeated) is stored twice, as the topic holds it twice, and a
 * replay of the same input rebuilds the same store.
 */
final class FlowLogIndexer implements Processor<String, FlowLogRecord, Void, Void> {
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, StoredFlowLog> records;
    private KeyValueStore<String, TrafficTotals> traffic;
    private KeyValueStore<String, RejectTotals> rejects;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        records = context.getStateStore(QueryTopology.RECORDS);
        traffic = context.getStateStore(QueryTopology.TRAFFIC);
        rejects = context.getStateStore(QueryTopology.REJECTS);
    }

    @Override
    public void process(Record<String, FlowLogRecord> in) {
        FlowLogRecord r = in.value();
        if (r == null) {
            return;
        }
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(0L);
        long start = r.getStart().toEpochMilli();
        String iface = r.getInterfaceId().toString();
        records.put(StoreKeys.record(iface, start, offset), StoredFlowLog.of(r));
        if (r.getLogStatus() != LogStatus.OK) {
            return;
        }
        long minute = StoreKeys.minute(start);
        TrafficTotals t = new TrafficTotals(iface, text(r.getVpcId()), text(r.getSubnetId()), value(r.getBytes()),
                value(r.getPackets()), 1);
        String trafficKey = StoreKeys.talker(minute, iface);
        TrafficTotals before = traffic.get(trafficKey);
        traffic.put(trafficKey, before == null ? t : before.plus(t));
        if (r.getAction() == Action.REJECT) {
            RejectTotals rt = new RejectTotals(text(r.getBlockingComponent()),
                    RuleText.withoutPacket(text(r.getRule())),
                    text(r.getExplanationCode()), text(r.getVpcId()), iface, value(r.getBytes()),
                    value(r.getPackets()), 1);
            String rejectKey = StoreKeys.reject(minute, iface, rt.group());
            RejectTotals old = rejects.get(rejectKey);
            rejects.put(rejectKey, old == null ? rt : old.plus(rt));
        }
    }

    private static String text(CharSequence value) {
        return value == null ? "-" : value.toString();
    }

    private static long value(Long value) {
        return value == null ? 0 : value;
    }
}
