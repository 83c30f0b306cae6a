package io.vpcflow.streams;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time of a packet event is its {@code eventTime} field (read from the value's bytes, {@link PacketEventBytes}),
 * whatever timestamp the producer put on the Kafka record; stream time, windows and lateness all follow it.
 */
final class PacketEventTimestamps implements TimestampExtractor {
    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof PacketEventBytes event) {
            return event.time();
        }
        return record.timestamp();
    }
}
