package io.vpcflow.streams;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Source nodes that several sub-topologies read. A topology may subscribe a topic through one source node only, so
 * each builder that reads such a topic asks here for the node name and attaches its processors to it.
 */
public final class SharedSources {
    /** Source node of {@code <prefix>.flow-logs}: key interface id (String), value {@code FlowLogRecord} (Avro). */
    public static final String FLOW_LOGS = "flow-logs-source";

    private SharedSources() {
    }

    /** The name of the flow-logs source node, adding it to {@code topology} on first use. */
    public static String flowLogs(Topology topology, VpcflowTopics topics) {
        if (!hasNode(topology, FLOW_LOGS)) {
            Topic<String, FlowLogRecord> records = topics.flowLogs();
            topology.addSource(AutoOffsetReset.earliest(), FLOW_LOGS, records.keySerde().deserializer(),
                    records.valueSerde().deserializer(), records.name());
        }
        return FLOW_LOGS;
    }

    private static boolean hasNode(Topology topology, String name) {
        for (TopologyDescription.Subtopology sub : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                if (node.name().equals(name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
