package io.vpcflow.schemas.topic;

import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic vpcflow reads or writes, with its key and value format. Names are {@code <prefix>.<topic>}; the
 * default prefix is {@code vpcflow}. Keys are interface ids (so one interface's events and records stay ordered in
 * one partition) unless said otherwise.
 */
public record VpcflowTopics(Topic<String, PacketEvent> packetEvents, Topic<String, FlowLogRecord> flowLogs,
                            Topic<String, String> flowLogLines, Topic<String, NetworkInterfaceMetadata> interfaces,
                            Topic<String, FlowLogSubscription> subscriptions, Topic<String, Finding> findings,
                            Topic<String, String> ledger, Topic<byte[], byte[]> deadLetters) {
    public static final String DEFAULT_PREFIX = "vpcflow";

    /** Topics named {@code <prefix>.packet-events} and so on, with Avro values encoded by {@code serdes}. */
    public static VpcflowTopics create(String prefix, AvroSerdes serdes) {
        String p = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix;
        Serde<String> keys = Serdes.String();
        return new VpcflowTopics(
                new Topic<>(p + ".packet-events", keys, serdes.forValue(PacketEvent.class)),
                new Topic<>(p + ".flow-logs", keys, serdes.forValue(FlowLogRecord.class)),
                new Topic<>(p + ".flow-log-lines", keys, Serdes.String()),
                new Topic<>(p + ".interfaces", keys, serdes.forValue(NetworkInterfaceMetadata.class)),
                new Topic<>(p + ".subscriptions", keys, serdes.forValue(FlowLogSubscription.class)),
                new Topic<>(p + ".findings", keys, serdes.forValue(Finding.class)),
                new Topic<>(p + ".ledger", keys, Serdes.String()),
                new Topic<>(p + ".dead-letters", Serdes.ByteArray(), Serdes.ByteArray()));
    }
}
