package io.vpcflow.streams.query;

import io.vpcflow.schemas.avro.FlowLogRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A flow-log record as the records store holds it. Read from the store it is the Avro bytes, decoded only when
 * {@link #record()} is asked: a range scan then counts every record of the range but decodes only the page it
 * returns (a 10-record page of a 60-record range used to decode all 60). Written to the store it is encoded by the
 * flow-logs topic's value serde with the topic name Kafka Streams gives the store's serde (its changelog), as the
 * store did when its values were {@code FlowLogRecord}s: the store and its changelog keep their format.
 */
final class StoredFlowLog {
    private final FlowLogRecord record;
    private final byte[] bytes;
    private final String topic;
    private final Deserializer<FlowLogRecord> decoder;

    private StoredFlowLog(FlowLogRecord record, byte[] bytes, String topic, Deserializer<FlowLogRecord> decoder) {
        this.record = record;
        this.bytes = bytes;
        this.topic = topic;
        this.decoder = decoder;
    }

    /** A record to put into the store. */
    static StoredFlowLog of(FlowLogRecord record) {
        return new StoredFlowLog(record, null, null, null);
    }

    /** The store's serde over {@code avro}, the flow-logs topic's value serde. */
    static Serde<StoredFlowLog> serde(Serde<FlowLogRecord> avro) {
        Serializer<FlowLogRecord> encoder = avro.serializer();
        Deserializer<FlowLogRecord> decoder = avro.deserializer();
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null
                        : value.bytes != null ? value.bytes : encoder.serialize(topic, value.record),
                (topic, data) -> data == null ? null : new StoredFlowLog(null, data, topic, decoder));
    }

    FlowLogRecord record() {
        return record != null ? record : decoder.deserialize(topic, bytes);
    }
}
