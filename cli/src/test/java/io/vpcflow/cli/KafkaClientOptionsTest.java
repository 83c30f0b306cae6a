package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vpcflow.schemas.security.ClientSecurity;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** How the security flags become Kafka client settings, and what they refuse. */
class KafkaClientOptionsTest {
    private static final String SAMPLE = CliRun.repo("examples/sample-network.yaml").toString();

    @TempDir
    Path dir;

    @Command(name = "probe")
    static final class Probe {
        @Mixin
        KafkaClientOptions options;
    }

    private static ClientSecurity security(Map<String, String> env, String registry, String... args) {
        Probe probe = new Probe();
        new CommandLine(probe).parseArgs(args);
        return probe.options.security(registry, env);
    }

    @Test
    void noFlagsIsNoSecurity() {
        assertThat(security(Map.of(), null)).isEqualTo(ClientSecurity.NONE);
    }

    @Test
    void userAndPasswordBecomeAPlainLoginLineWithThePasswordFromTheEnvironment() {
        ClientSecurity s = security(Map.of("KAFKA_PW", "p\"w\\1"), null, "--security-protocol", "sasl_ssl",
                "--sasl-username", "writer", "--sasl-password", "env:KAFKA_PW");

        assertThat(s.kafka()).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "PLAIN")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"writer\" password=\"p\\\"w\\\\1\";");
        assertThat(s.toString()).doesNotContain("p\"w");
    }

    @Test
    void scramUsesScramsLoginModule() {
        ClientSecurity s = security(Map.of("PW", "x"), null, "--security-protocol", "SASL_PLAINTEXT",
                "--sasl-mechanism", "SCRAM-SHA-512", "--sasl-username", "u", "--sasl-password", "env:PW");

        assertThat(s.kafka().get("sasl.mechanism")).isEqualTo("SCRAM-SHA-512");
        assertThat(s.kafka().get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.scram.ScramLoginModule");
    }

    @Test
    void aJaasLineFromAFileIsPassedAsItIs() throws Exception {
        String line = "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"a\" password=\"b\";";
        Path file = Files.writeString(dir.resolve("jaas"), line + "\n", StandardCharsets.UTF_8);

        ClientSecurity s = security(Map.of(), null, "--security-protocol", "SASL_PLAINTEXT", "--sasl-jaas-config",
                "file:" + file);

        assertThat(s.kafka()).containsEntry("sasl.jaas.config", line).containsEntry("sasl.mechanism", "PLAIN");
    }

    @Test
    void tlsStoresAndPasswordsMapToKafkasSslSettings() throws Exception {
        Path trust = Files.writeString(dir.resolve("trust.p12"), "x");
        Path keys = Files.writeString(dir.resolve("keys.p12"), "x");
        ClientSecurity s = security(Map.of("TP", "tp", "KP", "kp"), null, "--security-protocol", "SSL",
                "--ssl-truststore", trust.toString(), "--ssl-truststore-password", "env:TP",
                "--ssl-keystore", keys.toString(), "--ssl-keystore-password", "env:KP", "--ssl-key-password", "env:KP");

        assertThat(s.kafka()).containsEntry("ssl.truststore.location", trust.toAbsolutePath().toString())
                .containsEntry("ssl.truststore.password", "tp")
                .containsEntry("ssl.keystore.location", keys.toAbsolutePath().toString())
                .containsEntry("ssl.keystore.password", "kp").containsEntry("ssl.key.password", "kp");
        assertThat(s.masked()).containsEntry("ssl.truststore.password", ClientSecurity.MASK);
    }

    @Test
    void registryCredentialsComeFromAFileAndNeedARegistry() throws Exception {
        Path file = Files.writeString(dir.resolve("registry"), "reader:pa:ss\n", StandardCharsets.UTF_8);

        ClientSecurity s = security(Map.of(), "http://registry:8081", "--schema-registry-user-info", "file:" + file);

        assertThat(s.registryAuth().username()).isEqualTo("reader");
        assertThat(s.registryAuth().password()).isEqualTo("pa:ss");
        assertThatThrownBy(() -> security(Map.of(), null, "--schema-registry-user-info", "file:" + file))
                .isInstanceOf(UserError.class).hasMessage("--schema-registry-user-info needs --schema-registry URL");
    }

    @Test
    void aSecretOnTheCommandLineIsRefusedWithoutRepeatingIt() {
        CliRun run = CliRun.of("generate", "--network", SAMPLE, "--simulated-minutes", "1", "--security-protocol",
                "SASL_SSL", "--sasl-username", "u", "--sasl-password", "hunter2-secret");

        assertThat(run.exitCode()).isEqualTo(VpcflowCli.BAD_INPUT);
        assertThat(run.err()).contains("--sasl-password takes file:PATH or env:NAME, not the secret itself")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "SASL_PLAINTEXT"))
                .hasMessage("--security-protocol SASL_PLAINTEXT needs credentials: --sasl-username with"
                        + " --sasl-password, or --sasl-jaas-config");
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "SASL_SSL", "--sasl-username", "u"))
                .hasMessage("--sasl-username needs --sasl-password file:PATH|env:NAME");
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "SASL_SSL", "--sasl-mechanism",
                "GSSAPI", "--sasl-username", "u", "--sasl-password", "env:X"))
                .hasMessageStartingWith("--sasl-mechanism GSSAPI takes no user and password");
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "SASL_SSL", "--sasl-username", "u",
                "--sasl-password", "env:UNSET_FOR_THIS_TEST"))
                .hasMessage("--sasl-password: environment variable 'UNSET_FOR_THIS_TEST' is not set or empty");
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "SSL", "--ssl-truststore",
                "/no/such/trust.jks")).hasMessage("--ssl-truststore /no/such/trust.jks: no such file");
        assertThatThrownBy(() -> security(Map.of(), null, "--ssl-truststore", "/no/such/trust.jks"))
                .hasMessage("--ssl-truststore needs --security-protocol SSL or SASL_SSL");
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "TLS"))
                .hasMessage("--security-protocol 'TLS': use PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
        assertThatThrownBy(() -> security(Map.of(), null, "--security-protocol", "SASL_SSL", "--sasl-jaas-config",
                "file:/no/such/jaas.conf")).hasMessage("--sasl-jaas-config: /no/such/jaas.conf: no such file");
    }

    @Test
    void commandsThatTalkToKafkaShowTheFlagsInTheirHelp() {
        for (String command : new String[] {"generate", "ingest", "demo"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).contains("--security-protocol", "--sasl-password=file:PATH|env:NAME",
                    "--ssl-truststore", "--schema-registry-user-info", "--bootstrap-servers", "--topic-prefix");
        }
    }
}
