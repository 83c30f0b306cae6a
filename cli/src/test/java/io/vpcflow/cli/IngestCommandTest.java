package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flag and path checks of {@code vpcflow ingest}, which all happen before any broker is contacted. */
class IngestCommandTest {
    @Test
    void aMissingPathIsExitTwoNamingIt(@TempDir Path dir) {
        CliRun run = CliRun.of("ingest", "--bootstrap-servers", "127.0.0.1:1", dir.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("nope").contains("no such file or directory");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void anUnknownFieldInFormatIsExitTwo(@TempDir Path dir) {
        CliRun run = CliRun.of("ingest", "--format", "version src-addr", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--format").contains("'src-addr'");
    }

    @Test
    void aFlowLogIdThatIsNoIdIsExitTwo(@TempDir Path dir) {
        assertThat(CliRun.of("ingest", "--flow-log-id", "../x", dir.toString()).exitCode()).isEqualTo(2);
    }

    @Test
    void noPathOrABadFlagIsExitTwo() {
        assertThat(CliRun.of("ingest").exitCode()).isEqualTo(2);
        assertThat(CliRun.of("ingest", "--no-such-flag", ".").exitCode()).isEqualTo(2);
    }

    @Test
    void hasHelp() {
        CliRun run = CliRun.of("ingest", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: vpcflow ingest").contains("--bootstrap-servers")
                .contains("--topic-prefix").contains("--schema-registry").contains("--format")
                .contains("--flow-log-id").contains("--fix-retention").contains("retention.ms=-1");
    }
}
