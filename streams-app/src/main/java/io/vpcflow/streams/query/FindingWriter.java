package io.vpcflow.streams.query;

import io.vpcflow.schemas.avro.Finding;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Keeps the latest value of each finding id; a tombstone removes the finding. */
final class FindingWriter implements Processor<String, Finding, Void, Void> {
    private KeyValueStore<String, Finding> findings;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        findings = context.getStateStore(QueryTopology.FINDINGS);
    }

    @Override
    public void process(Record<String, Finding> in) {
        if (in.key() == null) {
            return;
        }
        if (in.value() == null) {
            findings.delete(in.key());
        } else {
            findings.put(in.key(), in.value());
        }
    }
}
