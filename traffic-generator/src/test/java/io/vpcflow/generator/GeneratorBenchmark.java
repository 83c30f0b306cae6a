package io.vpcflow.generator;

import io.vpcflow.generator.scenario.ScenarioCatalogue;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.tools.ProducerPerformance;

/**
 * Not a test (no *Test or *IT name, so {@code verify} never runs it): generator events/s into an embedded broker
 * beside Kafka's own {@code ProducerPerformance} in the same JVM and run, with the generator's average serialized
 * event size as the record size, the same producer settings (acks=all, idempotence, compression, linger, batch) and
 * the same partition count. Each side runs a warm-up round, then {@code rounds} measured rounds, alternating.
 * The command is in docs/performance.md.
 *
 * <p>Arguments (all optional): {@code minutes=5 intensity=100 rounds=3 compression=lz4 partitions=6 keys=20
 * scenarios=all alone=false};
 * {@code scenarios} is a {@code --scenarios} mix (default all); {@code keys} gives ProducerPerformance that many random record keys (the generator keys by interface id, about
 * 20 interfaces on the sample network), {@code keys=0} lets it send without keys.
 */
public final class GeneratorBenchmark {
    private static final Pattern TOTAL = Pattern.compile("^(\\d+) records sent, ([0-9.]+) records/sec");

    private GeneratorBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>(Map.of("minutes", "5", "intensity", "100", "rounds", "3",
                "compression", "lz4", "partitions", "6", "keys", "20", "alone", "false", "scenarios", "all"));
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            a.put(kv[0], kv[1]);
        }
        int minutes = Integer.parseInt(a.get("minutes"));
        double intensity = Double.parseDouble(a.get("intensity"));
        int rounds = Integer.parseInt(a.get("rounds"));
        GeneratorConfig config = GeneratorConfig.defaults().withStart(Generated.START).withSeed(1)
                .withWeights(ScenarioWeights.parse(a.get("scenarios"), ScenarioCatalogue.names()))
                .withIntensity(intensity).simulated(Duration.ofMinutes(minutes));
        int keys = Integer.parseInt(a.get("keys"));
        int recordSize = averageEventSize(config.simulated(Duration.ofMinutes(1)));
        System.out.printf(Locale.ROOT, "average serialized event: %d bytes%n", recordSize);
        System.out.printf(Locale.ROOT, "generator alone (encoding, no Kafka): %,.0f events/s%n", alone(config));
        Generated sample = Generated.run(Generated.SAMPLE, config.simulated(Duration.ofMinutes(1)));
        System.out.printf(Locale.ROOT, "events per evaluated flow: %.1f%n",
                (double) sample.stats.events() / Math.max(1, sample.stats.flows()));
        if (Boolean.parseBoolean(a.get("alone"))) {
            return;
        }

        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults()
                .withPreferredPort(0))) {
            broker.start();
            KafkaSinkConfig sink = KafkaSinkConfig.defaults(broker.bootstrapServers())
                    .withPartitions(Integer.parseInt(a.get("partitions")));
            sink = new KafkaSinkConfig(sink.bootstrapServers(), sink.topicPrefix(), sink.partitions(),
                    a.get("compression"), sink.lingerMs(), sink.batchSize(), null, false, Map.of());
            List<double[]> results = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) {
                String tag = round == 0 ? "warm-up" : "round " + round;
                double[] gen = generator(config, sink.withTopicPrefix("bench-gen-" + round));
                double pp = producerPerformance(sink, "bench-pp-" + round, recordSize, (long) gen[1], keys);
                System.out.printf(Locale.ROOT, "%s: %,.0f records each; generator %,.0f events/s, ProducerPerformance"
                        + " %,.0f records/s, ratio %.2f%n", tag, gen[1], gen[0], pp, gen[0] / pp);
                if (round > 0) {
                    results.add(new double[] {gen[0], pp});
                }
            }
            double gen = results.stream().mapToDouble(r -> r[0]).average().orElse(0);
            double pp = results.stream().mapToDouble(r -> r[1]).average().orElse(0);
            System.out.printf(Locale.ROOT, "RESULT scenarios %s, record size %d B, %s, %d partitions: generator"
                    + " %,.0f events/s, ProducerPerformance %,.0f records/s, ratio %.2f%n", a.get("scenarios"),
                    recordSize, sink.compression(), sink.partitions(), gen, pp, gen / pp);
        }
    }

    /**
     * One simulated run into Kafka: events per second from the first step to the last acknowledged send (producer
     * creation and topic checks aside, as ProducerPerformance's own clock leaves them aside), and the event count.
     */
    static double[] generator(GeneratorConfig config, KafkaSinkConfig sinkConfig) throws Exception {
        KafkaEventSink sink = new KafkaEventSink(sinkConfig, null);
        KafkaEventSink.createMissingTopics(sinkConfig, List.of(sink.topicName()));
        Ledger ledger = new Ledger(List.of());
        TrafficGenerator generator = new TrafficGenerator(config, Generated.SAMPLE, sink, ledger);
        try (generator) {
            generator.start();
            generator.await();
        }
        double seconds = generator.generationNanos() / 1e9;
        return new double[] {generator.stats().events() / seconds, generator.stats().events()};
    }

    /** The generator's own speed: events encoded and handed to a sink that drops them. */
    static double alone(GeneratorConfig config) throws Exception {
        Serializer<PacketEvent> serializer = VpcflowTopics.create("bench", new AvroSerdes(SerdeConfig.withoutRegistry()))
                .packetEvents().valueSerde().serializer();
        EventSink drop = new EventSink() {
            @Override public void start() { }
            @Override public void send(PacketEvent event) { }
            @Override public boolean acceptsEncoded() { return true; }
            @Override public Serializer<PacketEvent> serializer() { return serializer; }
            @Override public void sendEncoded(byte[] key, byte[] value, long timestamp) { }
            @Override public void flush() { }
            @Override public void close() { }
        };
        double best = 0;
        for (int i = 0; i < 3; i++) {
            TrafficGenerator generator = new TrafficGenerator(config, Generated.SAMPLE, drop, new Ledger(List.of()));
            try (generator) {
                generator.start();
                generator.await();
            }
            best = Math.max(best, generator.stats().events() / (generator.generationNanos() / 1e9));
        }
        return best;
    }

    /** Kafka's tool, same producer settings, payload of {@code recordSize} bytes, no throttling. */
    static double producerPerformance(KafkaSinkConfig sink, String topic, int recordSize, long records, int keys)
            throws Exception {
        KafkaEventSink.createMissingTopics(sink, List.of(topic));
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1"));
        if (keys > 0) {
            args.addAll(List.of("--key-distribution", "random", "--record-key-range", Integer.toString(keys)));
        }
        args.add("--producer-props");
        KafkaEventSink.producerProperties(sink).forEach((k, v) -> args.add(k + "=" + v));
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProducerPerformance.main(args.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        double rate = -1;
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            Matcher m = TOTAL.matcher(line.strip());
            if (m.find()) {
                rate = Double.parseDouble(m.group(2));
            }
        }
        if (rate < 0) {
            throw new IllegalStateException("no total line from ProducerPerformance:\n" + captured);
        }
        return rate;
    }

    /** Mean Avro (single-object) size of the events of one simulated minute, keys aside. */
    static int averageEventSize(GeneratorConfig config) {
        Generated g = Generated.run(Generated.SAMPLE, config);
        Serializer<PacketEvent> serializer = VpcflowTopics.create("bench", new AvroSerdes(SerdeConfig.withoutRegistry()))
                .packetEvents().valueSerde().serializer();
        long total = 0;
        for (PacketEvent e : g.events) {
            total += serializer.serialize("bench", e).length;
        }
        return (int) Math.round((double) total / g.events.size());
    }
}
