package io.vpcflow.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vpcflow.generator.EventSink;
import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.JsonLinesEventSink;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.LedgerFile;
import io.vpcflow.generator.ProgressLine;
import io.vpcflow.generator.ScenarioWeights;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.generator.scenario.ScenarioCatalogue;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.streams.metrics.JvmBinders;
import io.vpcflow.streams.metrics.MetricsConfig;
import io.vpcflow.streams.metrics.MetricsServer;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vpcflow generate}: scenario traffic on a network, as packet events to Kafka or stdout, with a ledger. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = {"Generates the traffic of named scenarios on a network: every flow goes through the evaluator"
                + " and becomes one packet event per interface that observes it (both directions, rejected replies"
                + " included; traffic AWS never logs produces none), sent to Kafka keyed by interface id.",
                "Progress goes to stderr on one line; a JSON summary to stdout at the end (to stderr with --stdout).",
                "Scenarios and their documentation: --list-scenarios."})
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NetworkOption networkOption;

    @Mixin
    KafkaTargetOptions kafka;

    @Mixin
    KafkaClientOptions securityOptions;

    @Mixin
    MetricsOptions metrics;

    @Option(names = "--scenarios", defaultValue = "all",
            description = "name=weight,... (a bare name has weight 1; default: all at weight 1)")
    String scenarios;

    @Option(names = "--list-scenarios", description = "print the scenario catalogue as JSON and exit")
    boolean listScenarios;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--start", description = "event time of the first simulated instant, ISO-8601"
            + " (default: now rounded down to the minute)")
    String start;

    @Option(names = "--simulated-minutes", description = "simulated clock: N minutes of traffic as fast as possible"
            + " (the default clock, 5 minutes)")
    Integer simulatedMinutes;

    @Option(names = "--intensity", defaultValue = "1", description = "multiplies every scenario's episode rate"
            + " (simulated clock volume; default: ${DEFAULT-VALUE})")
    double intensity;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", description = "real-time clock at about this many"
            + " events per second (needs --duration)")
    Double rate;

    @Option(names = "--duration", paramLabel = "SECONDS", description = "real-time run length in seconds")
    Integer durationSeconds;

    @Option(names = "--embedded-broker", description = "start an in-process Kafka broker for this run (its data is"
            + " deleted at the end: for demos and benchmarks)")
    boolean embeddedBroker;

    @Option(names = "--partitions", defaultValue = "6", description = "partitions of topics created when missing"
            + " (default: ${DEFAULT-VALUE})")
    int partitions;

    @Option(names = "--compression", defaultValue = "lz4", description = "producer compression: none, gzip, snappy,"
            + " lz4, zstd (default: ${DEFAULT-VALUE})")
    String compression;

    @Option(names = "--ledger", paramLabel = "FILE", description = "write the ground-truth ledger as JSON lines")
    Path ledgerFile;

    @Option(names = "--ledger-topic", description = "also write the ledger to <prefix>.ledger")
    boolean ledgerTopic;

    @Option(names = "--stdout", description = "write events as JSON lines to stdout instead of Kafka")
    boolean stdout;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        if (listScenarios) {
            out.println(json.writeValueAsString(ScenarioCatalogue.describe()));
            return 0;
        }
        GeneratorConfig config = config();
        checkOutputs();
        KafkaSinkConfig sinkConfig = stdout ? null : sinkConfig();
        LoadedNetwork loaded = NetworkFiles.loadValid(networkOption.path(), err);
        Evaluator evaluator = new Evaluator(CompiledNetwork.of(loaded.network()));
        try (MetricsServer metrics = startMetrics(err);
             EmbeddedKafkaBroker broker = embeddedBroker ? new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults()
                .withPreferredPort(0)) : null) {
            if (broker != null) {
                broker.start();
                sinkConfig = sinkConfig.withBootstrapServers(broker.bootstrapServers());
            }
            Map<String, Object> summary = run(config, sinkConfig, evaluator, out, err);
            (stdout ? err : out).println(json.writeValueAsString(summary));
        }
        return 0;
    }

    private Map<String, Object> run(GeneratorConfig config, KafkaSinkConfig sinkConfig, Evaluator evaluator,
                                    PrintWriter out, PrintWriter err) throws InterruptedException {
        KafkaEventSink kafka = stdout ? null : new KafkaEventSink(sinkConfig, null, registry);
        EventSink sink = stdout ? new JsonLinesEventSink(out) : kafka;
        List<Ledger.Listener> listeners = new ArrayList<>();
        if (ledgerFile != null) {
            listeners.add(new LedgerFile(ledgerFile));
        }
        if (ledgerTopic && kafka != null) {
            listeners.add(kafka.ledgerWriter());
        }
        Ledger ledger = new Ledger(listeners);
        long t0 = System.nanoTime();
        TrafficGenerator generator = new TrafficGenerator(config, evaluator, sink, ledger, registry);
        try (generator) {
            generator.start();
            generator.skipped().forEach(s -> err.println("warning: " + s));
            ProgressLine progress = new ProgressLine(generator.stats(), generator.startMillis(), generator.endMillis());
            while (!generator.await(Duration.ofSeconds(1))) {
                err.print("\r" + progress.next() + "   ");
                err.flush();
            }
            err.println("\r" + progress.next() + "   ");
            generator.await();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return summary(config, sinkConfig, generator, ledger, seconds);
    }

    /** The endpoint when --metrics-port is given, else null; the JVM binders either way (they cost nothing). */
    private MetricsServer startMetrics(PrintWriter err) {
        JvmBinders.bindTo(registry);
        if (metrics.metricsPort == null) {
            return null;
        }
        MetricsServer server;
        try {
            server = new MetricsServer(MetricsConfig.on(metrics.metricsHost, metrics.metricsPort), registry);
            server.start();
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage() + "; pass a free --metrics-port, or 0 to pick one");
        }
        err.println("metrics: " + server.url());
        return server;
    }

    private Map<String, Object> summary(GeneratorConfig config, KafkaSinkConfig sinkConfig,
                                        TrafficGenerator generator, Ledger ledger, double seconds) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("network", networkOption.path().toString());
        s.put("clock", config.clock().name().toLowerCase(java.util.Locale.ROOT));
        s.put("seed", config.seed());
        s.put("start", Instant.ofEpochMilli(generator.startMillis()).toString());
        s.put("end", Instant.ofEpochMilli(generator.endMillis()).toString());
        s.put("output", stdout ? "stdout" : sinkConfig.bootstrapServers() + " " + sinkConfig.topicPrefix()
                + ".packet-events");
        // the rate over the generation itself: loading the network and connecting to Kafka are left out
        double generating = generator.generationNanos() > 0 ? generator.generationNanos() / 1e9 : seconds;
        s.put("elapsedSeconds", Math.round(seconds * 1000) / 1000.0);
        s.put("generationSeconds", Math.round(generating * 1000) / 1000.0);
        s.put("eventsPerSecond", Math.round(generator.stats().events() / Math.max(generating, 1e-3)));
        s.put("skipped", generator.skipped());
        s.put("ledgerKeys", ledger.keys());
        s.put("attacks", ledger.attacks());
        if (ledgerFile != null) {
            s.put("ledger", ledgerFile.toString());
        }
        s.putAll(generator.stats().toMap());
        return s;
    }

    private GeneratorConfig config() {
        GeneratorConfig c = GeneratorConfig.defaults().withSeed(seed).withStart(startTime())
                .withWeights(ScenarioWeights.parse(scenarios, ScenarioCatalogue.names()));
        if (!(intensity > 0)) {
            throw new UserError("--intensity must be positive, not " + intensity);
        }
        c = c.withIntensity(intensity);
        boolean realTime = rate != null || durationSeconds != null;
        if (realTime && simulatedMinutes != null) {
            throw new UserError("use either --simulated-minutes or --rate with --duration, not both");
        }
        if (realTime) {
            if (rate == null || durationSeconds == null) {
                throw new UserError("the real-time clock needs both --rate EVENTS_PER_S and --duration SECONDS");
            }
            if (!(rate > 0) || durationSeconds <= 0) {
                throw new UserError("--rate and --duration must be positive");
            }
            return c.realTime(rate, Duration.ofSeconds(durationSeconds));
        }
        if (simulatedMinutes != null && simulatedMinutes <= 0) {
            throw new UserError("--simulated-minutes must be positive, not " + simulatedMinutes);
        }
        return c.simulated(simulatedMinutes == null ? GeneratorConfig.DEFAULT_DURATION
                : Duration.ofMinutes(simulatedMinutes));
    }

    private Instant startTime() {
        if (start == null) {
            return Instant.now().truncatedTo(ChronoUnit.MINUTES);
        }
        try {
            return Instant.parse(start);
        } catch (DateTimeParseException e) {
            throw new UserError("--start '" + start + "' is not an ISO-8601 instant such as 2026-01-05T10:00:00Z");
        }
    }

    private void checkOutputs() {
        if (stdout && embeddedBroker) {
            throw new UserError("--stdout writes no Kafka: drop --embedded-broker");
        }
        if (stdout && ledgerTopic) {
            throw new UserError("--ledger-topic needs Kafka: drop --stdout, or use --ledger FILE");
        }
        if (partitions < 1) {
            throw new UserError("--partitions must be at least 1, not " + partitions);
        }
        if (stdout && securityOptions.any()) {
            throw new UserError("--stdout writes no Kafka: drop the Kafka security flags");
        }
        if (embeddedBroker && securityOptions.any()) {
            throw new UserError("the embedded broker is plaintext: drop the Kafka security flags, or"
                    + " --embedded-broker");
        }
    }

    private KafkaSinkConfig sinkConfig() {
        String servers = kafka.bootstrapServersOr(KafkaTargetOptions.DEFAULT_BOOTSTRAP_SERVERS);
        try {
            return new KafkaSinkConfig(servers, kafka.topicPrefix, partitions, compression,
                    KafkaSinkConfig.DEFAULT_LINGER_MS, KafkaSinkConfig.DEFAULT_BATCH_SIZE, kafka.schemaRegistry,
                    ledgerTopic, Map.of(), securityOptions.security(kafka.schemaRegistry));
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
