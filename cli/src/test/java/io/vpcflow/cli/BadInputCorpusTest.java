package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus ({@code src/test/resources/bad-input/cases.tsv}, listed in docs/bad-input.md): every case
 * runs through the real CLI entry point and must end with its exit code (2 for bad input) and a message that names
 * the file, line, entity or flag, and never with a stack trace. The huge files are written at test time.
 */
class BadInputCorpusTest {
    private static final Path CORPUS = CliRun.repo("cli/src/test/resources/bad-input");

    static Stream<Arguments> cases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("cases.tsv"), StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            String[] args = Arrays.stream(columns, 3, columns.length)
                    .map(a -> a.replace("{dir}", CORPUS.toString())
                            .replace("{network}", CliRun.repo("examples/sample-network.yaml").toString()))
                    .toArray(String[]::new);
            cases.add(Arguments.of(columns[0], Integer.parseInt(columns[1]), columns[2], args));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachCaseEndsWithItsExitCodeAndAMessageNamingTheProblem(String name, int exitCode, String expected,
                                                                String[] args) {
        CliRun run = CliRun.of(args);
        assertRefused(run, exitCode, expected);
    }

    @Test
    void corpusHasAtLeastThirtyNetworkFiles() throws IOException {
        try (Stream<Path> yaml = Files.list(CORPUS.resolve("network"));
             Stream<Path> json = Files.list(CORPUS.resolve("describe"))) {
            assertThat(yaml.count() + json.count()).isGreaterThanOrEqualTo(30);
        }
    }

    @Test
    void aFiftyMegabyteNetworkFileIsRefusedUnread(@TempDir Path dir) throws IOException {
        Path huge = dir.resolve("huge.yaml");
        try (Writer out = Files.newBufferedWriter(huge, StandardCharsets.UTF_8)) {
            out.write("accounts:\n  - id: \"111111111111\"\n    regions:\n      - name: us-east-1\n        vpcs:\n");
            String vpc = "          - {id: vpc-%d, cidr: 10.%d.0.0/16}\n";
            for (int i = 0; Files.size(huge) < 50L * 1024 * 1024; i++) {
                for (int j = 0; j < 10_000; j++, i++) {
                    out.write(String.format(vpc, i, i % 256));
                }
                out.flush();
            }
        }
        assertRefused(CliRun.of("check", huge.toString()), 2, "huge.yaml: error: [");
        assertThat(CliRun.of("check", huge.toString()).out()).contains("network files are limited to");
    }

    @Test
    void aTenMegabyteLineIsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("long-line.yaml");
        Files.writeString(file, "description: \"" + "x".repeat(10 * 1024 * 1024) + "\"\naccounts: []\n");
        CliRun run = CliRun.of("check", file.toString());
        assertRefused(run, 2, "long-line.yaml:1: error:");
        assertThat(run.out()).contains("line 1 is longer than");
    }

    @Test
    void aTenMegabyteFlowLogLineIsSkippedWithItsLineNumber(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("long.log");
        Files.writeString(file, "2 123456789010 eni-1 " + "9".repeat(10 * 1024 * 1024) + "\n");
        assertRefused(CliRun.of("parse", "--strict", file.toString()), 2, "long.log:1: skipped");
    }

    private static void assertRefused(CliRun run, int exitCode, String expected) {
        String output = run.out() + run.err();
        assertThat(run.exitCode()).as(output).isEqualTo(exitCode);
        assertThat(output).contains(expected);
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Error:");
    }
}
