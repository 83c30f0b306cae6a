package io.vpcflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vpcflow simulate} reproduces the AWS flow-log examples the model can express, each from a network that
 * has the example's ids and addresses (cli/src/test/resources/simulate) and compared with the records AWS documents
 * in ../shared/reference/flow-log-examples.txt.
 */
class SimulateCommandTest {
    private static final Path DIR = CliRun.repo("cli/src/test/resources/simulate");

    @Test
    void securityGroupAndNaclPingExampleIsByteIdentical() throws IOException {
        CliRun run = simulate("ping", "--interval", "600");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines(run)).containsExactlyElementsOf(awsExample("security-group-and-nacl"));
    }

    @Test
    void natGatewayExampleGivesFourRecordsOnTheNatInterfaceAndTwoOnTheInstance() throws IOException {
        CliRun run = simulate("nat", "--format", "instance-id interface-id srcaddr dstaddr pkt-srcaddr pkt-dstaddr");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> expected = new ArrayList<>(awsExample("nat-gateway, records on the NAT gateway's ENI"));
        expected.addAll(awsExample("nat-gateway, records on the source instance's ENI"));
        assertThat(lines(run)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void s3ServiceTrafficPathAndFlowDirectionExampleIsByteIdentical() throws IOException {
        String format = formatOf("service-name-traffic-path-flow-direction");
        CliRun run = simulate("s3", "--interval", "600", "--format", format);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(lines(run)).containsExactlyInAnyOrderElementsOf(
                awsExample("service-name-traffic-path-flow-direction"));
    }

    @Test
    void blockPublicAccessExampleWritesRejectReasonBpaInItsVersion8Format() {
        CliRun run = CliRun.of("simulate", "--network", CliRun.repo("examples/bpa-network.yaml").toString(),
                "--packets", CliRun.repo("examples/bpa-packets.csv").toString(), "--flow-logs");
        assertThat(run.exitCode()).as(run.err()).isZero();
        // the network's flow log: version interface-id srcaddr dstaddr dstport protocol action flow-direction
        // reject-reason
        assertThat(lines(run)).containsExactlyInAnyOrder(
                "8 eni-0d4web1 10.4.1.10 8.8.8.8 443 6 REJECT egress BPA",
                "8 eni-0d4web1 198.51.100.20 10.4.1.10 443 6 REJECT ingress BPA",
                "8 eni-0d4shop1 198.51.100.20 10.4.2.10 443 6 ACCEPT ingress -",
                "8 eni-0d4updater 10.4.4.10 8.8.8.8 443 6 ACCEPT egress -",
                "8 eni-0d4updater 198.51.100.20 10.4.4.10 443 6 REJECT ingress BPA",
                "8 eni-0d4app1 10.4.11.10 8.8.8.8 443 6 ACCEPT egress -",
                "8 eni-nat-0d4edge1a 10.4.11.10 10.4.3.5 443 6 ACCEPT ingress -",
                "8 eni-nat-0d4edge1a 10.4.3.5 8.8.8.8 443 6 ACCEPT egress -",
                "8 eni-0d4app1 10.4.11.10 10.5.1.10 8080 6 ACCEPT egress -");
    }

    @Test
    void badRowsAreReportedWithTheirLineAndTheRestIsSimulated(@TempDir Path tmp) throws IOException {
        Path csv = tmp.resolve("bad.csv");
        Files.writeString(csv, String.join("\n",
                "time,from,to,protocol,src_port,dst_port,packets,bytes,tcp_flags,reply",
                "1432917027,internet:203.0.113.12,198.51.100.139,icmp,,,1,84,,no",
                "yesterday,internet:203.0.113.12,198.51.100.139,icmp,,,1,84,,no",
                "1432917028,i-nope,198.51.100.139,tcp,1,80,1,84,,no",
                "1432917029,internet:203.0.113.12,198.51.100.139,tcp,1,70000,1,84,,no", ""));
        CliRun run = CliRun.of("simulate", "--network", DIR.resolve("ping.yaml").toString(),
                "--packets", csv.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("bad.csv:3").contains("yesterday").contains("bad.csv:4").contains("i-nope")
                .contains("bad.csv:5").contains("70000").doesNotContain("\tat ");
        assertThat(lines(run)).hasSize(1).allMatch(l -> l.endsWith("ACCEPT OK"));
    }

    @Test
    void intervalMustBeOneAwsAllows() {
        CliRun run = simulate("ping", "--interval", "120");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("60 or 600");
    }

    private static CliRun simulate(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("simulate", "--network", DIR.resolve(name + ".yaml").toString(),
                "--packets", DIR.resolve(name + ".csv").toString()));
        args.addAll(Arrays.asList(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static List<String> lines(CliRun run) {
        return run.out().lines().filter(l -> !l.isBlank()).toList();
    }

    /** The records of one block of the AWS examples file, with runs of spaces folded to one. */
    private static List<String> awsExample(String block) throws IOException {
        List<String> lines = blockLines(block);
        return lines.subList(1, lines.size()).stream().map(l -> l.trim().replaceAll(" +", " ")).toList();
    }

    private static String formatOf(String block) throws IOException {
        return blockLines(block).get(0).substring("format: ".length());
    }

    private static List<String> blockLines(String block) throws IOException {
        List<String> all = Files.readAllLines(examplesFile());
        int start = -1;
        for (int i = 0; i < all.size() && start < 0; i++) {
            if (all.get(i).startsWith("## " + block)) {
                start = i;
            }
        }
        assertThat(start).as("block " + block).isNotNegative();
        List<String> lines = new ArrayList<>();
        for (int i = start + 1; i < all.size() && !all.get(i).startsWith("##"); i++) {
            if (!all.get(i).isBlank()) {
                lines.add(all.get(i));
            }
        }
        return lines;
    }

    private static Path examplesFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/reference/flow-log-examples.txt");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/reference/flow-log-examples.txt above the working directory");
    }
}
