package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.kafka.EmbeddedKafkaBroker;
import io.vpcflow.kafka.EmbeddedKafkaConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's Kafka security flags against a real broker with a SASL_PLAINTEXT (PLAIN) listener: {@code generate} and
 * {@code ingest} get in with the password from a file, a wrong password ends in one line and exit 2, and the
 * password shows nowhere: not on stdout, not on stderr, not in the log (Kafka's clients at INFO included). The same
 * broker has an SSL listener with a certificate made by {@code keytool} for this run: {@code generate} trusts it
 * through {@code --ssl-truststore}, and without that trust store fails with one line.
 */
class KafkaSecurityIT {
    private static final String USER = "vpcflow-writer";
    private static final String PASSWORD = "s3cr3t-" + UUID.randomUUID();
    private static final String SAMPLE = CliRun.repo("examples/sample-network.yaml").toString();
    private static final String TRUSTSTORE_PASSWORD = "trust-" + UUID.randomUUID();
    private static EmbeddedKafkaBroker broker;
    private static Path certificates;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception {
        certificates = Files.createTempDirectory("vpcflow-tls-it");
        String keystorePassword = "key-" + UUID.randomUUID();
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                "-keystore", "broker.p12", "-storepass", keystorePassword, "-keypass", keystorePassword);
        keytool("-exportcert", "-alias", "broker", "-keystore", "broker.p12", "-storepass", keystorePassword,
                "-file", "broker.crt");
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", "broker.crt", "-storetype", "PKCS12",
                "-keystore", "trust.p12", "-storepass", TRUSTSTORE_PASSWORD);
        broker = new EmbeddedKafkaBroker(EmbeddedKafkaConfig.defaults().withPreferredPort(0)
                .withSaslPlainUsers(Map.of(USER, PASSWORD))
                .withTlsListener(new EmbeddedKafkaConfig.TlsListener(certificates.resolve("broker.p12"),
                        keystorePassword)));
        broker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
        try (var files = Files.list(certificates)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(certificates);
    }

    /** Runs the JDK's keytool in the certificates directory. */
    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(certificates.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as("keytool %s: %s", args[0], output).isZero();
    }

    @Test
    void generateWritesThroughTheTlsListenerWhenItTrustsTheBrokersCertificate() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("truststore-password"), TRUSTSTORE_PASSWORD,
                StandardCharsets.UTF_8);
        String prefix = "tls-it-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun run = CliRun.of("generate", "--network", SAMPLE, "--simulated-minutes", "1", "--topic-prefix", prefix,
                "--partitions", "1", "--bootstrap-servers", broker.sslBootstrapServers(), "--security-protocol", "SSL",
                "--ssl-truststore", certificates.resolve("trust.p12").toString(),
                "--ssl-truststore-password", "file:" + passwordFile);

        assertThat(run.exitCode()).as(run.err()).isZero();
        long events = new ObjectMapper().readTree(run.out()).get("generator_events_total").asLong();
        assertThat(events).isPositive();
        assertThat(endOffset(prefix + ".packet-events")).as("events on the broker").isEqualTo(events);
        assertThat(run.out() + run.err()).doesNotContain(TRUSTSTORE_PASSWORD);
    }

    @Test
    void withoutTheTrustStoreTheBrokersCertificateIsRefusedInOneLine() {
        CliRun run = CliRun.of("generate", "--network", SAMPLE, "--simulated-minutes", "1", "--bootstrap-servers",
                broker.sslBootstrapServers(), "--security-protocol", "SSL");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(VpcflowCli.BAD_INPUT);
        assertThat(run.err()).contains("error: Kafka authentication failed").doesNotContain("\tat ");
    }

    @Test
    void generateWritesEveryEventThroughTheSaslListenerAndNeverShowsThePassword() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD + "\n", StandardCharsets.UTF_8);
        String prefix = "sasl-it-" + UUID.randomUUID().toString().substring(0, 8);
        CliRun run;
        String log;
        try (LogCapture capture = new LogCapture()) {
            run = CliRun.of("generate", "--network", SAMPLE, "--simulated-minutes", "1", "--topic-prefix", prefix,
                    "--partitions", "1", "--bootstrap-servers", broker.saslBootstrapServers(),
                    "--security-protocol", "SASL_PLAINTEXT", "--sasl-username", USER,
                    "--sasl-password", "file:" + passwordFile);
            log = capture.text();
        }

        assertThat(run.exitCode()).as(run.err()).isZero();
        long events = new ObjectMapper().readTree(run.out()).get("generator_events_total").asLong();
        assertThat(events).isPositive();
        assertThat(endOffset(prefix + ".packet-events")).as("events on the broker").isEqualTo(events);
        assertThat(log).as("the capture saw Kafka's client log").contains("ProducerConfig values");
        assertThat(run.out() + run.err() + log).doesNotContain(PASSWORD);
    }

    @Test
    void ingestPublishesThroughTheSaslListener() throws Exception {
        Path logs = Files.writeString(dir.resolve("flow.log"), String.join("\n",
                "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end"
                        + " action log-status",
                "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010"
                        + " 1418530070 ACCEPT OK", ""), StandardCharsets.UTF_8);
        Path passwordFile = Files.writeString(dir.resolve("password"), PASSWORD, StandardCharsets.UTF_8);
        String prefix = "sasl-ingest-it-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun run = CliRun.of("ingest", "--bootstrap-servers", broker.saslBootstrapServers(), "--topic-prefix",
                prefix, "--partitions", "1", "--security-protocol", "SASL_PLAINTEXT", "--sasl-mechanism", "PLAIN",
                "--sasl-username", USER, "--sasl-password", "file:" + passwordFile, logs.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode summary = new ObjectMapper().readTree(run.out());
        assertThat(summary.get("records_published").asLong()).isEqualTo(1);
        assertThat(endOffset(prefix + ".flow-logs")).isEqualTo(1);
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void demoRunsAgainstTheSaslListenerWithItsFileSink() throws Exception {
        Path passwordFile = Files.writeString(dir.resolve("demo-password"), PASSWORD, StandardCharsets.UTF_8);
        Path s3 = Files.createDirectories(dir.resolve("demo-s3"));
        String prefix = "sasl-demo-it-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun run = CliRun.of("demo", "--network", SAMPLE, "--simulated-minutes", "2", "--duration", "30",
                "--topic-prefix", prefix, "--s3-dir", s3.toString(), "--metrics-port", "0", "--query-port", "0",
                "--bootstrap-servers", broker.saslBootstrapServers(), "--security-protocol", "SASL_PLAINTEXT",
                "--sasl-username", USER, "--sasl-password", "file:" + passwordFile);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).containsPattern("flow-log records [1-9]\\d*");
        try (Stream<Path> files = Files.walk(s3)) {
            assertThat(files.map(Path::toString)).as("the file sink read the flow logs through the SASL listener")
                    .anyMatch(f -> f.endsWith(".log.gz"));
        }
        assertThat(run.out() + run.err()).doesNotContain(PASSWORD);
    }

    @Test
    void aWrongPasswordEndsInOneLineAndExitCodeTwo() throws Exception {
        String wrong = "wrong-" + UUID.randomUUID();
        Path passwordFile = Files.writeString(dir.resolve("wrong"), wrong, StandardCharsets.UTF_8);
        CliRun run;
        String log;
        try (LogCapture capture = new LogCapture()) {
            run = CliRun.of("generate", "--network", SAMPLE, "--simulated-minutes", "1", "--bootstrap-servers",
                    broker.saslBootstrapServers(), "--security-protocol", "SASL_PLAINTEXT", "--sasl-username", USER,
                    "--sasl-password", "file:" + passwordFile);
            log = capture.text();
        }

        assertThat(run.exitCode()).as(run.err()).isEqualTo(VpcflowCli.BAD_INPUT);
        assertThat(run.err()).contains("error: Kafka authentication failed")
                .contains("Invalid username or password").doesNotContain("\tat ").doesNotContain(wrong);
        assertThat(log).doesNotContain(wrong).doesNotContain(PASSWORD);
    }

    @Test
    void plaintextClientsAreNotLetIntoTheSaslListener() {
        CliRun run = CliRun.of("generate", "--network", SAMPLE, "--simulated-minutes", "1", "--bootstrap-servers",
                broker.saslBootstrapServers(), "--sasl-username", USER, "--sasl-password", "env:HOME");

        assertThat(run.exitCode()).isEqualTo(VpcflowCli.BAD_INPUT);
        assertThat(run.err().strip())
                .isEqualTo("error: --sasl-username needs --security-protocol SASL_PLAINTEXT or SASL_SSL");
    }

    /** Records in the topic's single partition, read over the broker's plaintext listener. */
    private static long endOffset(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            return consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
        }
    }
}
