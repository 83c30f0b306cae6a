package io.vpcflow.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.SharedFiles;
import io.vpcflow.model.VpcBlockPublicAccessExclusion;
import io.vpcflow.model.VpcBlockPublicAccessOptions;
import io.vpcflow.model.eval.CompiledNetwork;
import io.vpcflow.model.eval.EndpointResolver;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.ExplanationCode;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.eval.Source;
import io.vpcflow.model.eval.Verdict;
import io.vpcflow.model.net.Protocol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Block Public Access from both loaders: the YAML section (with its bad-input errors at their lines) and the AWS
 * describe-vpc-block-public-access-options / -exclusions JSON, added to Batfish's public-subnet snapshot.
 */
class BlockPublicAccessLoadTest {
    private static final String ACCOUNT = "554773406868";
    private static final String INSTANCE = "i-06669a407b2ef3ae5";
    private static final String SUBNET = "subnet-0bb82ae8b3ea5dc78";

    @TempDir
    Path dir;

    @Test
    void exampleFileLoadsTheModeAndExclusions() {
        LoadedNetwork loaded = NetworkLoader.load(SharedFiles.repositoryRoot().resolve("examples/bpa-network.yaml"));

        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.network().blockPublicAccess("333333333333", "us-east-1")).get()
                .extracting(VpcBlockPublicAccessOptions::mode).isEqualTo(VpcBlockPublicAccessOptions.Mode.BLOCK_BIDIRECTIONAL);
        assertThat(loaded.network().blockPublicAccessExclusions()).extracting(VpcBlockPublicAccessExclusion::resourceId)
                .containsExactly("subnet-0d4open1a", "subnet-0d4egress1a", "subnet-0d4nat1a");
        assertThat(loaded.network().blockPublicAccess("333333333333", "us-west-2")).isEmpty();
    }

    @Test
    void badYamlIsReportedAtItsLines() throws Exception {
        Path file = Path.of(getClass().getClassLoader().getResource("yaml/bpa/bad.yaml").toURI());

        LoadedNetwork loaded = NetworkLoader.load(file);

        assertThat(loaded.problems()).filteredOn(Problem::isError)
                .extracting(p -> p.toString().replace(file.getParent() + "/", "")).containsExactly(
                "bad.yaml:11: error: [444444444444] 'block-everything' is not a VPC Block Public Access mode (write"
                        + " off, block-bidirectional or block-ingress). Fix: correct the value at this line",
                "bad.yaml:13: error: [exclusion-0e5unknown] block public access exclusion exclusion-0e5unknown names"
                        + " subnet-0e5missing, which"
                        + " is not a VPC or subnet of account 444444444444 in us-east-1. Fix: name a VPC (vpc-...) or"
                        + " subnet (subnet-...) declared under this Region, or move the exclusion to the Region of"
                        + " subnet-0e5missing",
                "bad.yaml:14: error: [exclusion-0e5badmode] 'allow-ingress' is not a block public access exclusion"
                        + " mode (write allow-bidirectional or allow-egress). Fix: correct the value at this line",
                "bad.yaml:15: error: [exclusion-0e5nomode] block public access exclusion exclusion-0e5nomode has no"
                        + " 'mode'. Fix: add `mode:"
                        + " allow-bidirectional` or `mode: allow-egress`",
                "bad.yaml:22: error: [exclusion-0f6other] block public access exclusion exclusion-0f6other names"
                        + " vpc-0e5main, which is not a"
                        + " VPC or subnet of account 555555555555 in us-east-1. Fix: name a VPC (vpc-...) or subnet"
                        + " (subnet-...) declared under this Region, or move the exclusion to the Region of"
                        + " vpc-0e5main");
    }

    @Test
    void describeOutputBlocksThePublicInstanceUntilItsSubnetIsExcluded() throws Exception {
        Path snapshot = snapshotWithOptions("block-bidirectional");

        Evaluator blocked = evaluator(snapshot);
        assertThat(toInternet(blocked).code()).isEqualTo(ExplanationCode.BPA_BLOCKED);
        assertThat(fromInternet(blocked).code()).isEqualTo(ExplanationCode.BPA_BLOCKED);

        Files.writeString(snapshot.resolve("VpcBlockPublicAccessExclusions.json"), exclusions(
                exclusion("exclusion-0123456789abcdef0", "subnet/" + SUBNET, "allow-egress", "create-complete"),
                exclusion("exclusion-0fedcba9876543210", "subnet/" + SUBNET, "allow-bidirectional",
                        "delete-complete")));
        LoadedNetwork loaded = AwsDescribeLoader.load(snapshot);
        assertThat(loaded.problems()).extracting(Problem::toString).containsExactly(
                "VpcBlockPublicAccessExclusions.json: warning: [exclusion-0fedcba9876543210] block public access"
                        + " exclusion exclusion-0fedcba9876543210 is delete-complete, not in force; skipped. Fix: none"
                        + " needed");
        Evaluator excluded = evaluator(snapshot);
        assertThat(toInternet(excluded).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(fromInternet(excluded).code()).isEqualTo(ExplanationCode.BPA_BLOCKED);
        assertThat(fromInternet(excluded).rule()).endsWith("exclusion: exclusion-0123456789abcdef0 (" + SUBNET
                + ", allow-egress)");
    }

    @Test
    void describeOutputOffBlocksNothing() throws Exception {
        Evaluator off = evaluator(snapshotWithOptions("off"));

        assertThat(toInternet(off).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(fromInternet(off).code()).isEqualTo(ExplanationCode.ENI_SG_RULES_MISMATCH);
    }

    @Test
    void describeOutputWithAnUnknownModeOrResourceIsAnError() throws Exception {
        Path snapshot = snapshotWithOptions("block-all");
        Files.writeString(snapshot.resolve("VpcBlockPublicAccessExclusions.json"), exclusions(
                exclusion("exclusion-0aaaaaaaaaaaaaaa0", "vpc/vpc-0ffffffffffffffff", "allow-egress", "update-complete")));

        LoadedNetwork loaded = NetworkLoader.load(snapshot);

        assertThat(loaded.problems()).filteredOn(Problem::isError).extracting(Problem::message).containsExactly(
                "'block-all' is not a VPC Block Public Access mode (write off, block-bidirectional or block-ingress)",
                "block public access exclusion exclusion-0aaaaaaaaaaaaaaa0 names vpc vpc-0ffffffffffffffff, which is"
                        + " not in the model");
    }

    private Path snapshotWithOptions(String mode) throws Exception {
        Path snapshot = dir.resolve("snapshot");
        Files.createDirectories(snapshot);
        try (Stream<Path> files = Files.list(SharedFiles.batfishSnapshot("public-subnet"))) {
            for (Path file : files.toList()) {
                Files.copy(file, snapshot.resolve(file.getFileName()));
            }
        }
        // the shape `aws ec2 describe-vpc-block-public-access-options --output json` writes: one object
        Files.writeString(snapshot.resolve("VpcBlockPublicAccessOptions.json"), """
                {
                    "VpcBlockPublicAccessOptions": {
                        "AwsAccountId": "%s",
                        "AwsRegion": "us-east-2",
                        "State": "update-complete",
                        "InternetGatewayBlockMode": "%s",
                        "LastUpdateTimestamp": "2024-11-20T10:15:00.000Z",
                        "ManagedBy": "account",
                        "ExclusionsAllowed": "allowed"
                    }
                }
                """.formatted(ACCOUNT, mode));
        return snapshot;
    }

    private static String exclusions(String... items) {
        return "{\n    \"VpcBlockPublicAccessExclusions\": [\n" + String.join(",\n", items) + "\n    ]\n}\n";
    }

    private static String exclusion(String id, String resource, String mode, String state) {
        return """
                        {
                            "ExclusionId": "%s",
                            "InternetGatewayExclusionMode": "%s",
                            "ResourceArn": "arn:aws:ec2:us-east-2:%s:%s",
                            "State": "%s",
                            "CreationTimestamp": "2024-11-20T10:20:00.000Z",
                            "LastUpdateTimestamp": "2024-11-20T10:21:00.000Z",
                            "Tags": []
                        }""".formatted(id, mode, ACCOUNT, resource, state);
    }

    private static Evaluator evaluator(Path snapshot) {
        LoadedNetwork loaded = AwsDescribeLoader.load(snapshot);
        assertThat(loaded.hasErrors()).as(loaded.problems().toString()).isFalse();
        return new Evaluator(CompiledNetwork.of(loaded.network()));
    }

    private static Evaluation toInternet(Evaluator net) {
        return evaluate(net, INSTANCE, "8.8.8.8", 443);
    }

    private static Evaluation fromInternet(Evaluator net) {
        return evaluate(net, "8.8.8.8", "18.216.80.133", 80);
    }

    private static Evaluation evaluate(Evaluator net, String from, String to, int port) {
        EndpointResolver resolver = new EndpointResolver(net.network());
        Source source = resolver.source(from);
        return net.evaluate(source, new Packet(source.ip(), resolver.destination(to, source), Protocol.TCP, 49152,
                port, Packet.SYN, -1, -1));
    }
}
