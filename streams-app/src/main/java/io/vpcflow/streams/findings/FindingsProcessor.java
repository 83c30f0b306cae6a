package io.vpcflow.streams.findings;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs the detectors over flow-log records. Each flow is looked at once: several subscriptions can log the same
 * interface, so for each (interface, action) the processor keeps the records of the first subscription that logged
 * it and counts the others' as duplicates. Time is the records' event time; a stream-time punctuation lets
 * detectors decide on complete buckets and writes pending finding updates.
 */
final class FindingsProcessor implements Processor<String, FlowLogRecord, String, Finding> {
    private static final String SUBSCRIPTION = "sub|";

    private final FindingsConfig config;
    private final List<Detector> detectors;
    private final MeterRegistry registry;
    private DetectorState state;
    private FindingFolder folder;
    private Counter used;
    private Counter duplicate;
    private Counter noData;

    FindingsProcessor(FindingsConfig config, List<Detector> detectors, MeterRegistry registry) {
        this.config = config;
        this.detectors = detectors;
        this.registry = registry;
    }

    @Override
    public void init(ProcessorContext<String, Finding> context) {
        state = new DetectorState(context.getStateStore(FindingsTopology.COUNTS_STORE),
                context.getStateStore(FindingsTopology.NOTES_STORE), context.getStateStore(FindingsTopology.FACTS_STORE),
                config.bucketMs());
        folder = new FindingFolder(context.getStateStore(FindingsTopology.FINDINGS_STORE),
                context.getStateStore(FindingsTopology.WRITTEN_STORE), state, config.updateInterval().toMillis(),
                registry, (f, t) -> context.forward(new Record<>(f.getId(), f, t)));
        used = records("used");
        duplicate = records("duplicate");
        noData = records("not_ok");
        long every = Math.max(1_000, config.bucketMs() / 6);
        context.schedule(Duration.ofMillis(every), PunctuationType.STREAM_TIME, this::streamTimeAdvanced);
    }

    private Counter records(String outcome) {
        return Counter.builder("vpcflow.findings.records").tag("outcome", outcome).register(registry);
    }

    @Override
    public void process(Record<String, FlowLogRecord> record) {
        FlowLogRecord r = record.value();
        if (r == null || r.getLogStatus() != LogStatus.OK) {
            noData.increment();
            return;
        }
        Flow flow = Flow.of(r);
        if (flow == null) {
            noData.increment();
            return;
        }
        if (!firstSubscription(r)) {
            duplicate.increment();
            return;
        }
        used.increment();
        for (Detector d : detectors) {
            d.observe(flow, state, folder::fold);
        }
    }

    private boolean firstSubscription(FlowLogRecord r) {
        String key = SUBSCRIPTION + r.getInterfaceId() + "|" + r.getAction();
        String chosen = state.fact(key);
        if (chosen == null) {
            state.fact(key, r.getSubscriptionId());
            return true;
        }
        return chosen.equals(r.getSubscriptionId());
    }

    private void streamTimeAdvanced(long streamTimeMs) {
        for (Detector d : detectors) {
            d.streamTimeAdvanced(streamTimeMs, state, folder::fold);
        }
        folder.flush(streamTimeMs);
    }
}
