package io.vpcflow.streams.findings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.generator.EventSink;
import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.Topic;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.FlowLogTopology;
import io.vpcflow.streams.NetworkPublisher;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * One simulated run of the traffic generator through the production pipeline, offline: packet events into
 * FlowLogTopology, its flow-log records into FindingsTopology, in one TopologyTestDriver. Every finding version
 * written to the findings topic is kept, with the generator's ground truth ({@link GroundTruth}).
 *
 * <p>Subscriptions are the sample network's own plus one per VPC (traffic ALL, 60 s), so many flows are logged by
 * two subscriptions and the findings processor must count them once.
 */
final class GeneratedRun {
    final List<Finding> findings = new ArrayList<>();
    final GroundTruth truth = new GroundTruth();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    long events;

    static GeneratedRun run(Network sample, FindingsConfig config, long seed, Instant start, Duration simulated)
            throws InterruptedException {
        GeneratedRun run = new GeneratedRun();
        run.execute(sample, config, seed, start, simulated);
        return run;
    }

    private void execute(Network sample, FindingsConfig config, long seed, Instant start, Duration simulated)
            throws InterruptedException {
        Network network = withVpcFlowLogs(sample);
        VpcflowTopics topics = VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX,
                new AvroSerdes(SerdeConfig.withoutRegistry()));
        FlowLogConfig flowLog = FlowLogConfig.defaults().withAdvanceOnWallClock(false).withPartitions(1);
        Topology topology = FlowLogTopology.build(flowLog, topics);
        FindingsTopology.addTo(topology, config, topics, registry, network);
        Path stateDir = tempDir();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "findings-quality");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        try (TopologyTestDriver driver = new TopologyTestDriver(topology, props, start)) {
            input(driver, topics.subscriptions()).pipeKeyValueList(network.flowLogs().stream()
                    .map(f -> new KeyValue<>(f.id(),
                            NetworkPublisher.subscriptionOf(f, network))).toList());
            input(driver, topics.interfaces()).pipeKeyValueList(network.networkInterfaces().stream()
                    .map(e -> new KeyValue<>(e.id(), NetworkPublisher.metadataOf(e,
                            network))).toList());
            driver.advanceWallClockTime(flowLog.indexRefreshInterval().plusMillis(1));
            TestInputTopic<String, PacketEvent> in = input(driver, topics.packetEvents());
            TestOutputTopic<String, Finding> out = driver.createOutputTopic(topics.findings().name(),
                    topics.findings().keySerde().deserializer(), topics.findings().valueSerde().deserializer());
            TestOutputTopic<String, ?> records = driver.createOutputTopic(topics.flowLogs().name(),
                    topics.flowLogs().keySerde().deserializer(), topics.flowLogs().valueSerde().deserializer());
            TestOutputTopic<String, String> lines = driver.createOutputTopic(topics.flowLogLines().name(),
                    topics.flowLogLines().keySerde().deserializer(), topics.flowLogLines().valueSerde().deserializer());
            EventSink sink = new EventSink() {
                @Override
                public void start() {
                }

                @Override
                public void send(PacketEvent e) {
                    in.pipeInput(e.getInterfaceId(), e, e.getEventTime());
                    truth.observe(e);
                    if (++events % 20_000 == 0) {
                        records.readValuesToList();
                        lines.readValuesToList();
                        findings.addAll(out.readValuesToList());
                    }
                }

                @Override
                public void flush() {
                }

                @Override
                public void close() {
                }
            };
            GeneratorConfig generator = GeneratorConfig.defaults().withSeed(seed).withStart(start)
                    .simulated(simulated);
            TrafficGenerator engine = new TrafficGenerator(generator, new Evaluator(CompiledNetwork.of(sample)),
                    sink, new Ledger(List.of(truth.ledgerListener())));
            try (engine) {
                engine.start();
                engine.await();
            }
            // an event of an interface nobody logs moves stream time on: the last windows close and publish, and
            // their NODATA records move the findings' stream time past every pending update
            Instant after = start.plus(simulated).plus(Duration.ofMinutes(10));
            in.pipeInput("eni-none", PacketEvent.newBuilder(lastEvent()).setInterfaceId("eni-none")
                    .setVpcId("vpc-none").setSubnetId("subnet-none").setEventTime(after).build(), after);
            findings.addAll(out.readValuesToList());
        } finally {
            delete(stateDir);
        }
    }

    private PacketEvent lastEvent() {
        return truth.lastEvent();
    }

    private static <V> TestInputTopic<String, V> input(TopologyTestDriver driver, Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    /** The sample network with one more flow log per VPC: traffic ALL, 60 s. */
    static Network withVpcFlowLogs(Network n) {
        Network.Builder b = Network.builder();
        n.vpcs().forEach(b::add);
        n.subnets().forEach(b::add);
        n.routeTables().forEach(b::add);
        n.internetGateways().forEach(b::add);
        n.natGateways().forEach(b::add);
        n.networkInterfaces().forEach(b::add);
        n.securityGroups().forEach(b::add);
        n.networkAcls().forEach(b::add);
        n.peeringConnections().forEach(b::add);
        n.vpcEndpoints().forEach(b::add);
        n.prefixLists().forEach(b::add);
        n.endpointServices().forEach(b::add);
        n.loadBalancers().forEach(b::add);
        n.vpnGateways().forEach(b::add);
        n.internetHosts().forEach(b::add);
        n.flowLogs().forEach(b::add);
        n.vpcs().forEach(v -> b.add(new FlowLog("fl-quality-" + v.id(), null, null, v.id(), FlowLog.TrafficType.ALL,
                60, null, "kafka")));
        return b.build();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory(Files.createDirectories(Path.of("target", "state")), "quality");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
