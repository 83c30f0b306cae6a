package io.vpcflow.cli;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vpcflow.generator.GeneratorConfig;
import io.vpcflow.generator.KafkaEventSink;
import io.vpcflow.generator.KafkaSinkConfig;
import io.vpcflow.generator.Ledger;
import io.vpcflow.generator.TrafficGenerator;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.schemas.security.ClientSecurity;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import io.vpcflow.streams.FlowLogConfig;
import io.vpcflow.streams.StreamsApp;
import io.vpcflow.streams.StreamsAppConfig;
import io.vpcflow.streams.metrics.MetricsConfig;
import io.vpcflow.streams.query.QueryConfig;
import io.vpcflow.streams.sink.FileSinkConfig;
import io.vpcflow.streams.sink.FlowLogFileSink;
import io.vpcflow.streams.sink.S3UploadConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code vpcflow demo}: the whole pipeline in one process: an embedded Kafka broker (or an external cluster), the
 * network published to its topics, the traffic generator with every scenario, and the flow-log streams app.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the pipeline in one process: starts an embedded Kafka broker (unless --bootstrap-servers"
                + " names a cluster), publishes the network's flow logs and interfaces, generates traffic of every"
                + " scenario in real time and turns it into flow-log records with the Kafka Streams app.",
                "A summary line on stderr every second; Ctrl-C (or --duration) stops everything and removes the"
                        + " temporary state."})
final class DemoCommand implements Callable<Integer> {
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

    @Option(names = "--rate", defaultValue = "200", description = "generated events per second, real time"
            + " (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--simulated-minutes", description = "instead of real time: N minutes of traffic ending now,"
            + " produced as fast as possible, then the pipeline keeps running until --duration or Ctrl-C")
    Integer simulatedMinutes;

    @Option(names = "--duration", defaultValue = "0", description = "stop after this many seconds (default: run"
            + " until Ctrl-C)")
    int durationSeconds;

    @Option(names = "--s3-dir", paramLabel = "DIR", description = "write the records of flow logs whose destination"
            + " is s3:<bucket>/<prefix> as AWS writes them to S3 (gzip files per 5 minutes under"
            + " DIR/<bucket>/<prefix>/AWSLogs/...)")
    Path s3Dir;

    @Option(names = "--s3-bucket", paramLabel = "BUCKET", description = "also upload each of those files to this"
            + " S3 bucket, key <prefix>/AWSLogs/... (credentials: the AWS SDK's default chain, e.g. AWS_ACCESS_KEY_ID"
            + " and AWS_SECRET_ACCESS_KEY or AWS_PROFILE); the --s3-dir directory, or a temporary one, holds the"
            + " files until they are uploaded")
    String s3Bucket;

    @Option(names = "--s3-endpoint", paramLabel = "URL", description = "an S3-compatible store (MinIO, Ceph,"
            + " LocalStack ...) instead of AWS, such as http://127.0.0.1:9000")
    String s3Endpoint;

    @Option(names = "--s3-region", paramLabel = "REGION", description = "signing Region (default: the SDK's default"
            + " chain; us-east-1 with --s3-endpoint)")
    String s3Region;

    @Option(names = "--s3-path-style", description = "path-style requests (http://host/bucket/key), as most"
            + " S3-compatible stores need")
    boolean s3PathStyle;

    @Option(names = "--print-records", description = "print each flow-log line (key: flow log id/interface id) to"
            + " stdout as it is published")
    boolean printRecords;

    @Option(names = "--query-port", defaultValue = "" + QueryConfig.DEFAULT_PORT, description = "port of the"
            + " interactive-query API (vpcflow query); 0 picks a free port (default: ${DEFAULT-VALUE})")
    int queryPort;

    @Option(names = "--query-host", defaultValue = "127.0.0.1", description = "address of the query API"
            + " (default: ${DEFAULT-VALUE})")
    String queryHost;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch cleanedUp = new CountDownLatch(1);
    /** The cluster in use: {@code --bootstrap-servers}, or the embedded broker once it runs. */
    private String bootstrapServers;
    private String topicPrefix;
    private String schemaRegistry;
    private ClientSecurity security = ClientSecurity.NONE;

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || durationSeconds < 0 || (simulatedMinutes != null && simulatedMinutes < 1)) {
            throw new UserError("--rate must be positive, --duration at least 0 and --simulated-minutes at least 1");
        }
        topicPrefix = kafka.topicPrefix;
        schemaRegistry = kafka.schemaRegistry;
        checkSecurity();
        PrintWriter err = spec.commandLine().getErr();
        S3UploadConfig upload = DemoS3Options.upload(s3Bucket, s3Endpoint, s3Region, s3PathStyle);
        LoadedNetwork loaded = NetworkFiles.loadValid(networkOption.path(), err);
        Thread hook = new Thread(this::stopAndWait, "vpcflow-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Path stateDir = Files.createTempDirectory("vpcflow-demo-state");
        EmbeddedKafkaBroker broker = null;
        StreamsApp streams = null;
        TrafficGenerator generator = null;
        FlowLogWatcher watcher = null;
        FlowLogFileSink fileSink = null;
        try {
            if (!kafka.bootstrapServersGiven()) {
                err.println("starting the embedded Kafka broker ...");
                broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults());
                broker.start();
                bootstrapServers = broker.bootstrapServers();
            } else {
                bootstrapServers = kafka.bootstrapServersOr(null);
                requireReachable(bootstrapServers, security);
            }
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            QueryConfig query = queryConfig();
            streams = new StreamsApp(streamsConfig(stateDir).withMetrics(metricsConfig()).withQuery(query), registry);
            startStreams(streams);
            VpcflowTopics topics = VpcflowTopics.create(topicPrefix, new AvroSerdes(serdeConfig()));
            watcher = new FlowLogWatcher(bootstrapServers, security, topics,
                    printRecords ? spec.commandLine().getOut() : null);
            watcher.start();
            if (s3Dir != null || upload != null) {
                if (s3Dir == null) {
                    s3Dir = Files.createTempDirectory("vpcflow-demo-s3-outbox");
                }
                FileSinkConfig defaults = FileSinkConfig.defaults();
                fileSink = new FlowLogFileSink(new FileSinkConfig(bootstrapServers, topicPrefix, schemaRegistry,
                        "vpcflow-demo-file-sink", s3Dir, defaults.maxFileBytes(), defaults.layout(),
                        defaults.pollTimeout(), upload, security), Clock.systemUTC(), registry);
                DemoS3Options.start(fileSink);
            }
            generator = new TrafficGenerator(generatorConfig(),
                    new Evaluator(CompiledNetwork.of(loaded.network())),
                    new KafkaEventSink(sinkConfig(), null, registry), new Ledger(List.of()), registry);
            generator.start();
            generator.skipped().forEach(s -> err.println("warning: " + s));
            printWhereToLook(err, streams.metricsUrl(), "http://" + query.applicationServer());
            runUntilStopped(generator, streams, watcher, registry, err);
            return 0;
        } finally {
            err.println();
            err.println("stopping ...");
            closeQuietly(generator);
            closeQuietly(streams);
            closeQuietly(watcher);
            closeQuietly(fileSink);
            closeQuietly(broker);
            deleteTree(stateDir);
            err.println("stopped; temporary state removed");
            err.flush();
            cleanedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for cleanedUp
            }
        }
    }

    private void runUntilStopped(TrafficGenerator generator, StreamsApp streams, FlowLogWatcher watcher,
                                 MeterRegistry registry, PrintWriter err) throws InterruptedException {
        long started = System.nanoTime();
        long lastEvents = 0;
        long lastNanos = started;
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long events = generator.stats().events();
            double perSecond = (events - lastEvents) / ((now - lastNanos) / 1e9);
            lastEvents = events;
            lastNanos = now;
            err.print(String.format("\revents %d (%.0f/s, %.1f%% rejected) | %s | findings %d | streams %s   ",
                    events, perSecond, 100.0 * generator.stats().rejectedEvents() / Math.max(1, events), watcher.summary(),
                    findingsOpened(registry), streams.state()));
            err.flush();
            if (durationSeconds > 0 && now - started >= TimeUnit.SECONDS.toNanos(durationSeconds)) {
                return;
            }
            if (streams.state() == org.apache.kafka.streams.KafkaStreams.State.ERROR) {
                throw new IllegalStateException("the streams app failed; see the log above");
            }
        }
    }

    /** Findings opened so far (each folds its repeats), from the detectors' counter. */
    private static long findingsOpened(MeterRegistry registry) {
        return Math.round(registry.find("vpcflow.findings").counters().stream().mapToDouble(Counter::count).sum());
    }

    private QueryConfig queryConfig() {
        if (queryPort < 0 || queryPort > 65535) {
            throw new UserError("--query-port must be 0..65535, got " + queryPort);
        }
        int port = queryPort;
        if (port == 0) {
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find a free port for the query API", e);
            }
        }
        QueryConfig defaults = QueryConfig.defaults();
        return new QueryConfig(queryHost, port, null, true, defaults.defaultPageSize(), defaults.maxPageSize(),
                defaults.staleReads(), defaults.forwardTimeout(), defaults.threads(), defaults.retryAfter(),
                defaults.standbyReplicas());
    }

    private MetricsConfig metricsConfig() {
        try {
            return MetricsConfig.on(metrics.metricsHost,
                    metrics.metricsPort == null ? MetricsConfig.DEFAULT_PORT : metrics.metricsPort);
        } catch (IllegalArgumentException e) {
            throw new UserError("--" + e.getMessage());
        }
    }

    /** A busy metrics port is bad input: the endpoint starts first, before any Kafka work. */
    private static void startStreams(StreamsApp streams) {
        try {
            streams.start();
        } catch (UncheckedIOException e) {
            throw new UserError(e.getMessage() + "; pass --metrics-port or --query-port with a free port, or 0 to"
                    + " pick one");
        }
    }

    private void printWhereToLook(PrintWriter err, String metricsUrl, String queryUrl) {
        err.println("vpcflow demo running: Kafka at " + bootstrapServers + ", network " + networkOption.path());
        err.println("  topics: " + topicPrefix + ".packet-events (generated events), " + topicPrefix
                + ".flow-logs (Avro records), " + topicPrefix + ".flow-log-lines (AWS text lines)");
        err.println("  watch the lines:   kcat -b " + bootstrapServers + " -C -t " + topicPrefix + ".flow-log-lines"
                + "   (or run the demo with --print-records)");
        if (s3Dir != null) {
            err.println("  S3-layout files:   " + s3Dir + "/<bucket>/<prefix>/AWSLogs/<account>/vpcflowlogs/..."
                    + (s3Bucket == null ? "" : ", uploaded to s3://" + s3Bucket + "/<prefix>/AWSLogs/..."));
        }
        err.println("  explain a reject:  ./vpcflow explain --from i-0a1reporting --to i-0a1db1 --port 5432");
        err.println("  query API:         " + queryUrl + "/v1/...   (routes in streams-app/src/main/resources/openapi.yaml)");
        String url = queryPort == QueryConfig.DEFAULT_PORT ? "" : " --url " + queryUrl;
        err.println("    ./vpcflow query rejects" + url + "                     REJECT traffic by security group,"
                + " NACL rule and explanation code");
        err.println("    ./vpcflow query top-talkers by=interface" + url + "    the busiest interfaces");
        err.println("    ./vpcflow query findings severity=HIGH" + url + "      what the detectors found");
        err.println("    ./vpcflow query flow-logs interface=eni-0a1db1" + url + "   one interface's records");
        err.println("  metrics:           " + metricsUrl + "   (Prometheus text format; names in docs/metrics.md)");
        err.println("  records appear about 15 s after each 60 s window closes (demo grace 5 s + delivery delay"
                + " 10 s)");
        err.println("  Ctrl-C stops everything");
        err.flush();
    }

    /**
     * The demo preset flushes quiet partitions by the wall clock; replayed (simulated) minutes lie in the past, where
     * that flushing would make every event late, so they run on stream time only.
     */
    private StreamsAppConfig streamsConfig(Path stateDir) {
        FlowLogConfig flowLog = FlowLogConfig.defaults().withAdvanceOnWallClock(simulatedMinutes == null);
        return new StreamsAppConfig(bootstrapServers, "vpcflow-demo", topicPrefix, schemaRegistry,
                StreamsConfig.EXACTLY_ONCE_V2, 1, (short) 1, stateDir, networkOption.path(), flowLog)
                .withSecurity(security);
    }

    private GeneratorConfig generatorConfig() {
        GeneratorConfig defaults = GeneratorConfig.defaults();
        if (simulatedMinutes != null) {
            Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofMinutes(simulatedMinutes));
            return defaults.simulated(Duration.ofMinutes(simulatedMinutes)).withStart(start);
        }
        Duration length = durationSeconds > 0 ? Duration.ofSeconds(durationSeconds) : Duration.ofDays(365);
        return defaults.realTime(rate, length).withStart(Instant.now());
    }

    private KafkaSinkConfig sinkConfig() {
        KafkaSinkConfig config = KafkaSinkConfig.defaults(bootstrapServers).withTopicPrefix(topicPrefix)
                .withSecurity(security);
        return schemaRegistry == null ? config : config.withSchemaRegistry(schemaRegistry);
    }

    private SerdeConfig serdeConfig() {
        return security.applyTo(schemaRegistry == null ? SerdeConfig.withoutRegistry()
                : SerdeConfig.withRegistry(schemaRegistry));
    }

    /** The security flags are for an external cluster: the embedded broker is plaintext. */
    private void checkSecurity() {
        if (!securityOptions.any()) {
            return;
        }
        if (!kafka.bootstrapServersGiven()) {
            throw new UserError("the Kafka security flags need --bootstrap-servers: the embedded broker is plaintext");
        }
        security = securityOptions.security(schemaRegistry);
    }

    /** An external cluster that does not answer is bad input (exit 2), not a failure halfway through start-up. */
    private static void requireReachable(String servers, ClientSecurity security) {
        Map<String, Object> props = security.applyTo(new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)));
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException auth) {
                throw new UserError("Kafka at " + servers + ": authentication failed: " + auth.getMessage());
            }
            throw new UserError("cannot reach Kafka at " + servers + " within 10 s; start the cluster, or drop"
                    + " --bootstrap-servers to use the embedded broker");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while connecting to Kafka at " + servers);
        } catch (Exception e) {
            throw new UserError("cannot reach Kafka at " + servers + " within 10 s; start the cluster, or drop"
                    + " --bootstrap-servers to use the embedded broker");
        }
    }

    /** Ctrl-C: ask the run loop to stop, then hold the JVM until it has cleaned up (at most 20 s). */
    private void stopAndWait() {
        stopped.countDown();
        try {
            cleanedUp.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping " + closeable.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("could not remove " + root + ": " + e.getMessage());
        }
    }
}
