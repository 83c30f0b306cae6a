package io.vpcflow.streams;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.findings.FindingsConfig;
import io.vpcflow.streams.findings.FindingsTopology;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.vpcflow.streams.FlowLogDriver.ACCOUNT;
import static io.vpcflow.streams.FlowLogDriver.T0;
import static io.vpcflow.streams.FlowLogDriver.event;
import static io.vpcflow.streams.FlowLogDriver.metadata;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The topology StreamsApp runs: FlowLogTopology, then FindingsTopology attached to the shared flow-logs source. A
 * port scan as packet events becomes flow-log records, which become a Recon:EC2/Portscan finding.
 */
class ComposedTopologyTest {
    @TempDir
    Path stateDir;

    @Test
    void packetEventsOfAPortScanBecomeAFinding() throws Exception {
        VpcflowTopics topics = VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX,
                new AvroSerdes(SerdeConfig.withoutRegistry()));
        Topology topology = FlowLogTopology.build(FlowLogDriver.testConfig(), topics);
        FindingsTopology.addTo(topology, FindingsConfig.defaults(), topics, new SimpleMeterRegistry(), null);
        assertThat(topology.describe().toString()).contains(SharedSources.FLOW_LOGS, "findings-detectors");

        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "composed-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(stateDir).toString());
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, Instant.ofEpochMilli(T0))) {
            driver.createInputTopic(topics.interfaces().name(), topics.interfaces().keySerde().serializer(),
                    topics.interfaces().valueSerde().serializer()).pipeInput("eni-a1", metadata("eni-a1"));
            driver.createInputTopic(topics.subscriptions().name(), topics.subscriptions().keySerde().serializer(),
                    topics.subscriptions().valueSerde().serializer()).pipeInput("fl-1", FlowLogSubscription
                    .newBuilder().setFlowLogId("fl-1").setScopeType(FlowLogScope.VPC).setResourceId("vpc-1")
                    .setTrafficType(TrafficType.ALL).setMaxAggregationIntervalSeconds(60).setLogFormat("")
                    .setDestination("topic:flow-log-lines").setAccountId(ACCOUNT).setRegion("us-east-1").build());
            driver.advanceWallClockTime(Duration.ofSeconds(2));
            TestInputTopic<String, PacketEvent> events = driver.createInputTopic(topics.packetEvents().name(),
                    topics.packetEvents().keySerde().serializer(), topics.packetEvents().valueSerde().serializer());
            for (int port = 1; port <= 80; port++) {
                PacketEvent e = event("eni-a1", port * 100L).setSrcAddr("203.0.113.66").setSrcPort(61000)
                        .setDstPort(port).setTcpFlags(2).setAction(Action.REJECT)
                        .setExplanationCode("ENI_SG_RULES_MISMATCH").setBlockingComponent("sg-a").build();
                events.pipeInput("eni-a1", e, e.getEventTime());
            }
            PacketEvent later = event("eni-a1", 5 * 60_000L).build();
            events.pipeInput("eni-a1", later, later.getEventTime());

            List<Finding> findings = driver.createOutputTopic(topics.findings().name(),
                    topics.findings().keySerde().deserializer(), topics.findings().valueSerde().deserializer())
                    .readValuesToList();
            assertThat(findings).extracting(Finding::getType).contains("Recon:EC2/Portscan",
                    "Recon:EC2/RejectedTrafficSpike", "Recon:SecurityGroup/RejectedTrafficSpike");
            assertThat(findings).filteredOn(f -> f.getType().equals("Recon:EC2/Portscan")).first()
                    .satisfies(f -> assertThat(f.getActor()).isEqualTo("203.0.113.66"));
        }
    }
}
