package io.vpcflow.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.FlowLog;
import io.vpcflow.model.FlowLogFields;
import io.vpcflow.model.Network;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Flow-log subscriptions: the YAML sections, describe-flow-logs JSON and the validator's resource check. */
class FlowLogLoadTest {

    @Nested
    class SampleNetwork {
        private final Network network = NetworkLoader.load(SampleNetworkTest.SAMPLE).network();

        @Test
        void hasTheFourFlowLogsThePipelineUses() {
            assertThat(network.flowLogs()).extracting(FlowLog::id).containsExactlyInAnyOrder(
                    "fl-0a1shopvpc", "fl-0a1dbrejects", "fl-0a1natgateway", "fl-0b2analytics");
        }

        @Test
        void shopVpcLogsEveryVersion2To5FieldEveryMinute() {
            FlowLog shop = network.flowLog("fl-0a1shopvpc").orElseThrow();
            assertThat(shop.resourceId()).isEqualTo("vpc-0a1shop");
            assertThat(shop.trafficType()).isEqualTo(FlowLog.TrafficType.ALL);
            assertThat(shop.maxAggregationIntervalSeconds()).isEqualTo(60);
            assertThat(shop.logFormat()).isEqualTo(FlowLogFields.awsSpec(FlowLogFields.NAMES.subList(0, 29)));
            assertThat(shop.accountId()).isEqualTo("111111111111");
            assertThat(shop.region()).isEqualTo("us-east-1");
            assertThat(shop.destination()).isEqualTo("s3:vpcflow-shop-flow-logs/shop");
        }

        @Test
        void dbSubnetLogsRejectsInTheDefaultFormat() {
            FlowLog db = network.flowLog("fl-0a1dbrejects").orElseThrow();
            assertThat(db.resourceId()).isEqualTo("subnet-0a1db1a");
            assertThat(db.trafficType()).isEqualTo(FlowLog.TrafficType.REJECT);
            assertThat(db.maxAggregationIntervalSeconds()).isEqualTo(600);
            assertThat(db.logFormat()).isNull();
        }

        @Test
        void natGatewayInterfaceIsCapturedTwice() {
            var nat = network.networkInterface("eni-nat-0a1shop1a").orElseThrow();
            assertThat(network.flowLogs()).filteredOn(fl -> fl.captures(nat)).extracting(FlowLog::id)
                    .containsExactlyInAnyOrder("fl-0a1shopvpc", "fl-0a1natgateway");
            assertThat(network.flowLog("fl-0a1natgateway").orElseThrow().trafficType())
                    .isEqualTo(FlowLog.TrafficType.ACCEPT);
        }

        @Test
        void topLevelFlowLogTakesAccountAndRegionFromItsVpc() {
            FlowLog analytics = network.flowLog("fl-0b2analytics").orElseThrow();
            assertThat(analytics.accountId()).isEqualTo("222222222222");
            assertThat(analytics.region()).isEqualTo("us-east-1");
            assertThat(analytics.maxAggregationIntervalSeconds()).isEqualTo(600);
            assertThat(analytics.destination()).isEqualTo("s3:vpcflow-data-flow-logs/analytics");
        }
    }

    @Nested
    class Yaml {
        private static final String NETWORK = """
                accounts:
                  - id: "111111111111"
                    regions:
                      - name: eu-west-1
                        vpcs:
                          - id: vpc-a
                            cidr: 10.0.0.0/16
                            subnets: [{id: subnet-a, cidr: 10.0.1.0/24}]
                            instances: [{id: i-a, subnet: subnet-a, private-ip: 10.0.1.10}]
                            flow-logs:
                %s
                          - id: vpc-b
                            cidr: 10.1.0.0/16
                            subnets: [{id: subnet-b, cidr: 10.1.1.0/24}]
                flow-logs:
                %s
                """;

        @TempDir
        Path dir;

        @Test
        void defaultsAndDerivedValues() throws Exception {
            LoadedNetwork loaded = load("              - {id: fl-vpc}",
                    "  - {id: fl-eni, resource: eni-a, log-format: 'srcaddr dstaddr', destination: s3:b/p}");

            assertThat(loaded.problems()).isEmpty();
            FlowLog vpc = loaded.network().flowLog("fl-vpc").orElseThrow();
            assertThat(vpc).isEqualTo(new FlowLog("fl-vpc", "111111111111", "eu-west-1", "vpc-a",
                    FlowLog.TrafficType.ALL, 600, null, "cloud-watch-logs:fl-vpc"));
            FlowLog eni = loaded.network().flowLog("fl-eni").orElseThrow();
            assertThat(eni.logFormat()).isEqualTo("${srcaddr} ${dstaddr}");
            assertThat(eni.accountId()).isEqualTo("111111111111");
            assertThat(eni.destination()).isEqualTo("s3:b/p");
            assertThat(loaded.locationOf("fl-vpc").line()).isEqualTo(11);
            assertThat(loaded.locationOf("fl-eni").line()).isEqualTo(16);
        }

        static Stream<Arguments> problems() {
            return Stream.of(
                    Arguments.of("unknown key", "{id: fl-1, resource: vpc-a, trafic-type: ALL}", "fl-1",
                            "unknown key 'trafic-type'", "traffic-type"),
                    Arguments.of("bad traffic type", "{id: fl-1, resource: vpc-a, traffic-type: SOME}", "fl-1",
                            "'SOME' is not a flow-log traffic type", "ACCEPT, REJECT or ALL"),
                    Arguments.of("interval", "{id: fl-1, resource: vpc-a, max-aggregation-interval: 300}", "fl-1",
                            "maximum aggregation interval 300 s", "60 or 600"),
                    Arguments.of("unknown field", "{id: fl-1, resource: vpc-a, log-format: '${version} ${src-addr}'}",
                            "fl-1", "names 'src-addr', which is not a flow-log field", "srcaddr"),
                    Arguments.of("field twice", "{id: fl-1, resource: vpc-a, log-format: 'srcaddr srcaddr'}",
                            "fl-1", "names srcaddr twice", "name each field once"),
                    Arguments.of("empty format", "{id: fl-1, resource: vpc-a, log-format: ' '}",
                            "fl-1", "log format is empty", "name each field once"),
                    Arguments.of("destination", "{id: fl-1, resource: vpc-a, destination: 'ftp://x'}", "fl-1",
                            "destination 'ftp://x'", "s3:<bucket>/<prefix>"),
                    Arguments.of("no resource", "{id: fl-1}", "fl-1", "has no 'resource'", "resource:"),
                    Arguments.of("no id", "{resource: vpc-a}", "flow-logs", "has no 'id'", "fl-"),
                    Arguments.of("unknown resource", "{id: fl-1, resource: subnet-zz}", "fl-1",
                            "flow log fl-1 names subnet subnet-zz, which is not in the model", "declare subnet"),
                    Arguments.of("not a resource", "{id: fl-1, resource: sg-1}", "fl-1",
                            "not a VPC, subnet or network interface id", "correct the value"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("problems")
        void topLevelProblemNamesLineEntityAndFix(String name, String item, String entity, String message,
                                                  String fix) throws Exception {
            LoadedNetwork loaded = load("              - {id: fl-ok}", "  - " + item);

            assertThat(loaded.problems()).as(loaded.problems().toString()).singleElement().satisfies(p -> {
                assertThat(p.isError()).isTrue();
                assertThat(p.location().line()).isEqualTo(16);
                assertThat(p.entityId()).isEqualTo(entity);
                assertThat(p.message()).contains(message);
                assertThat(p.fix()).contains(fix);
            });
            assertThat(loaded.network().flowLog("fl-ok")).isPresent();
        }

        @Test
        void flowLogUnderAVpcMustCaptureThatVpc() throws Exception {
            LoadedNetwork loaded = load("              - {id: fl-1, resource: subnet-b}",
                    "  - {id: fl-ok, resource: vpc-b}");

            assertThat(loaded.problems()).singleElement().satisfies(p -> {
                assertThat(p.location().line()).isEqualTo(11);
                assertThat(p.message()).contains("written under vpc vpc-a but captures subnet-b of vpc vpc-b");
                assertThat(p.fix()).contains("move it under vpc vpc-b");
            });
            assertThat(loaded.network().flowLog("fl-1")).isEmpty();
        }

        private LoadedNetwork load(String inVpc, String topLevel) throws Exception {
            Path file = dir.resolve("network.yaml");
            Files.writeString(file, NETWORK.formatted(inVpc, topLevel));
            return NetworkLoader.load(file);
        }
    }

    @Nested
    class Describe {
        @TempDir
        Path dir;

        @Test
        void flowLogsTakeAccountAndRegionFromTheResourcesVpc() throws Exception {
            write("eu-central-1/Vpcs.json", """
                    {"Vpcs": [{"VpcId": "vpc-1", "OwnerId": "111122223333", "CidrBlock": "10.0.0.0/16"}]}
                    """);
            write("eu-central-1/Subnets.json", """
                    {"Subnets": [{"SubnetId": "subnet-1", "VpcId": "vpc-1", "CidrBlock": "10.0.1.0/24",
                                  "AvailabilityZone": "eu-central-1a"}]}
                    """);
            write("eu-central-1/FlowLogs.json", """
                    {"FlowLogs": [
                      {"FlowLogId": "fl-1", "ResourceId": "subnet-1", "TrafficType": "REJECT",
                       "MaxAggregationInterval": 60, "LogDestinationType": "s3",
                       "LogDestination": "arn:aws:s3:::my-bucket/flows", "FlowLogStatus": "ACTIVE",
                       "LogFormat": "${version} ${vpc-id} ${srcaddr}"},
                      {"FlowLogId": "fl-2", "ResourceId": "vpc-1", "TrafficType": "ALL",
                       "MaxAggregationInterval": 600, "LogDestinationType": "cloud-watch-logs",
                       "LogGroupName": "vpc-flows",
                       "LogDestination": "arn:aws:logs:eu-central-1:111122223333:log-group:vpc-flows",
                       "LogFormat": "${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}"},
                      {"FlowLogId": "fl-3", "ResourceId": "tgw-0123", "MaxAggregationInterval": 60,
                       "LogDestinationType": "s3", "LogDestination": "arn:aws:s3:::tgw-bucket"}]}
                    """);

            LoadedNetwork loaded = NetworkLoader.load(dir);

            assertThat(loaded.network().flowLog("fl-1").orElseThrow()).isEqualTo(new FlowLog("fl-1", "111122223333",
                    "eu-central-1", "subnet-1", FlowLog.TrafficType.REJECT, 60, "${version} ${vpc-id} ${srcaddr}",
                    "s3:my-bucket/flows"));
            FlowLog vpc = loaded.network().flowLog("fl-2").orElseThrow();
            assertThat(vpc.destination()).isEqualTo("cloud-watch-logs:vpc-flows");
            assertThat(vpc.logFormat()).isEqualTo(FlowLogFields.DEFAULT_FORMAT);
            assertThat(loaded.locationOf("fl-1").file()).isEqualTo("eu-central-1/FlowLogs.json");
            assertThat(loaded.network().flowLog("fl-3")).isEmpty();
            assertThat(loaded.problems()).filteredOn(p -> "fl-3".equals(p.entityId())).singleElement()
                    .satisfies(p -> assertThat(p.message()).contains("transit gateway"));
        }

        @Test
        void flowLogOfAResourceTheSnapshotLacksIsAWarning() throws Exception {
            write("FlowLogs.json", """
                    {"FlowLogs": [{"FlowLogId": "fl-9", "ResourceId": "eni-9", "TrafficType": "ALL",
                                   "LogDestinationType": "kinesis-data-firehose",
                                   "LogDestination": "arn:aws:firehose:us-east-1:111122223333:deliverystream/flows",
                                   "LogFormat": "${srcaddr} ${some-future-field}"}]}
                    """);

            LoadedNetwork loaded = NetworkLoader.load(dir);

            assertThat(loaded.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.isError()).isFalse());
            assertThat(loaded.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                    .contains("captures network interface eni-9, which the snapshot does not include"));
            assertThat(loaded.problems()).extracting(Problem::message).anySatisfy(m -> assertThat(m)
                    .contains("'some-future-field'"));
            FlowLog flowLog = loaded.network().flowLog("fl-9").orElseThrow();
            assertThat(flowLog.destination()).isEqualTo("kinesis-data-firehose:flows");
            assertThat(flowLog.maxAggregationIntervalSeconds()).isEqualTo(600);
        }

        @Test
        void wrongShapesAreReportedNotThrown() throws Exception {
            write("FlowLogs.json", """
                    {"FlowLogs": [1, "text", null, [], {},
                      {"FlowLogId": "fl-1", "ResourceId": "vpc-1", "TrafficType": "SOME"},
                      {"FlowLogId": "fl-2", "ResourceId": "vpc-1", "MaxAggregationInterval": "often"},
                      {"FlowLogId": "fl-3", "ResourceId": "vpc-1", "MaxAggregationInterval": 120}]}
                    """);

            LoadedNetwork loaded = AwsDescribeLoader.load(dir);

            assertThat(loaded.network().flowLogs()).isEmpty();
            assertThat(loaded.problems()).extracting(Problem::entityId).contains("fl-1", "fl-2", "fl-3");
            assertThat(loaded.problems()).allSatisfy(p -> assertThat(p.location().file()).isEqualTo("FlowLogs.json"));
        }

        private void write(String relative, String json) throws Exception {
            Path file = dir.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, json);
        }
    }

    @Test
    void fieldNamesParsePlainAndAwsForms() {
        assertThat(FlowLogFields.parse("${version}  srcaddr\t${pkt-src-aws-service}"))
                .isEqualTo(List.of("version", "srcaddr", "pkt-src-aws-service"));
        assertThat(FlowLogFields.NAMES).hasSize(58).doesNotHaveDuplicates();
        assertThat(FlowLogFields.DEFAULT_FORMAT).startsWith("${version} ${account-id}").endsWith("${log-status}");
    }
}
