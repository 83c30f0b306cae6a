package io.vpcflow.streams;

import java.time.Instant;
import java.util.List;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.PacketEvent;
import io.vpcflow.schemas.avro.TrafficType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Packet events that add up to the records of AWS's "Flow log record examples" page come out of the topology as
 * exactly AWS's lines, in the default format and in custom version-3 and version-5 formats. The subscriptions use
 * 600-s windows, which hold each example's start and end.
 */
class AwsExampleLinesTest {
    private static final String ENI = "eni-1235b8ca123456789";

    private static PacketEvent.Builder packets(long epochSeconds, String src, String dst, int srcPort, int dstPort,
                                               long packets, long bytes) {
        return FlowLogDriver.event(ENI, 0).setEventTime(Instant.ofEpochSecond(epochSeconds)).setSrcAddr(src)
                .setDstAddr(dst).setSrcPort(srcPort).setDstPort(dstPort).setPackets(packets).setBytes(bytes);
    }

    private static List<String> linesOf(String format, long endSeconds, List<PacketEvent.Builder> events) {
        try (FlowLogDriver d = new FlowLogDriver(FlowLogDriver.testConfig())) {
            d.subscribe("fl-example", ENI, TrafficType.ALL, 600, format);
            events.forEach(d::send);
            d.advanceStreamTime(endSeconds * 1000 + 700_000 - FlowLogDriver.T0);
            return d.lines().stream().map(kv -> kv.value).toList();
        }
    }

    @Test
    void defaultFormatAcceptedAndRejected() {
        List<String> lines = linesOf("", 1418530070L, List.of(
                packets(1418530010L, "172.31.16.139", "172.31.16.21", 20641, 22, 12, 2000),
                packets(1418530070L, "172.31.16.139", "172.31.16.21", 20641, 22, 8, 2249),
                packets(1418530010L, "172.31.9.69", "172.31.9.12", 49761, 3389, 15, 3000).setAction(Action.REJECT),
                packets(1418530070L, "172.31.9.69", "172.31.9.12", 49761, 3389, 5, 1249).setAction(Action.REJECT)));

        assertThat(lines).containsExactlyInAnyOrder(
                "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 "
                        + "1418530070 ACCEPT OK",
                "2 123456789010 eni-1235b8ca123456789 172.31.9.69 172.31.9.12 49761 3389 6 20 4249 1418530010 "
                        + "1418530070 REJECT OK");
    }

    @Test
    void customVersion3FormatWithTcpFlags() {
        String format = "version vpc-id subnet-id instance-id interface-id account-id type srcaddr dstaddr srcport "
                + "dstport pkt-srcaddr pkt-dstaddr protocol bytes packets start end action tcp-flags log-status";
        List<String> lines = linesOf(format, 1566848933L, List.of(
                v3(packets(1566848875L, "52.213.180.42", "10.0.0.62", 43416, 5001, 1, 60).setTcpFlags(2)),
                v3(packets(1566848933L, "52.213.180.42", "10.0.0.62", 43416, 5001, 7, 508).setTcpFlags(16)),
                v3(packets(1566848875L, "10.0.0.62", "52.213.180.42", 5001, 43416, 1, 60).setTcpFlags(18)),
                v3(packets(1566848933L, "10.0.0.62", "52.213.180.42", 5001, 43416, 6, 316).setTcpFlags(16 | 8))));

        assertThat(lines).containsExactlyInAnyOrder(
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 "
                        + "123456789010 IPv4 52.213.180.42 10.0.0.62 43416 5001 52.213.180.42 10.0.0.62 6 568 8 "
                        + "1566848875 1566848933 ACCEPT 2 OK",
                "3 vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-01234567890123456 eni-1235b8ca123456789 "
                        + "123456789010 IPv4 10.0.0.62 52.213.180.42 5001 43416 10.0.0.62 52.213.180.42 6 376 7 "
                        + "1566848875 1566848933 ACCEPT 18 OK");
    }

    private static PacketEvent.Builder v3(PacketEvent.Builder e) {
        return e.setVpcId("vpc-abcdefab012345678").setSubnetId("subnet-aaaaaaaa012345678")
                .setInstanceId("i-01234567890123456");
    }

    @Test
    void customVersion5FormatWithServiceTrafficPathAndDirection() {
        String format = "${version} ${srcaddr} ${dstaddr} ${srcport} ${dstport} ${protocol} ${start} ${end} ${type} "
                + "${packets} ${bytes} ${account-id} ${vpc-id} ${subnet-id} ${instance-id} ${interface-id} "
                + "${region} ${az-id} ${sublocation-type} ${sublocation-id} ${action} ${tcp-flags} ${pkt-srcaddr} "
                + "${pkt-dstaddr} ${pkt-src-aws-service} ${pkt-dst-aws-service} ${traffic-path} ${flow-direction} "
                + "${log-status}";
        List<String> lines = linesOf(format, 1616729349L, List.of(
                v5(packets(1616729292L, "52.95.128.179", "10.0.0.71", 80, 34210, 10, 11000).setTcpFlags(18)
                        .setPktSrcAwsService("S3")),
                v5(packets(1616729349L, "52.95.128.179", "10.0.0.71", 80, 34210, 4, 4044).setTcpFlags(17)
                        .setPktSrcAwsService("S3")),
                v5(packets(1616729292L, "10.0.0.71", "52.95.128.179", 34210, 80, 5, 371).setTcpFlags(2)
                        .setPktDstAwsService("S3").setTrafficPath(8).setFlowDirection(FlowDirection.EGRESS)),
                v5(packets(1616729349L, "10.0.0.71", "52.95.128.179", 34210, 80, 2, 100).setTcpFlags(17)
                        .setPktDstAwsService("S3").setTrafficPath(8).setFlowDirection(FlowDirection.EGRESS))));

        assertThat(lines).containsExactlyInAnyOrder(
                "5 52.95.128.179 10.0.0.71 80 34210 6 1616729292 1616729349 IPv4 14 15044 123456789012 "
                        + "vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 "
                        + "ap-southeast-2 apse2-az3 - - ACCEPT 19 52.95.128.179 10.0.0.71 S3 - - ingress OK",
                "5 10.0.0.71 52.95.128.179 34210 80 6 1616729292 1616729349 IPv4 7 471 123456789012 "
                        + "vpc-abcdefab012345678 subnet-aaaaaaaa012345678 i-0c50d5961bcb2d47b eni-1235b8ca123456789 "
                        + "ap-southeast-2 apse2-az3 - - ACCEPT 3 10.0.0.71 52.95.128.179 - S3 8 egress OK");
    }

    private static PacketEvent.Builder v5(PacketEvent.Builder e) {
        return e.setAccountId("123456789012").setVpcId("vpc-abcdefab012345678")
                .setSubnetId("subnet-aaaaaaaa012345678").setInstanceId("i-0c50d5961bcb2d47b")
                .setRegion("ap-southeast-2").setAzId("apse2-az3");
    }

    @Test
    void oneKeyPerSubscriptionAndInterface() {
        try (FlowLogDriver d = new FlowLogDriver(FlowLogDriver.testConfig())) {
            d.subscribe("fl-example", ENI, TrafficType.ALL, 600, "");
            d.send(packets(FlowLogDriver.T0 / 1000 + 1, "10.0.0.1", "10.0.0.2", 1, 2, 1, 40));
            d.advanceStreamTime(700_000);
            assertThat(d.lines()).extracting(kv -> kv.key).containsExactly("fl-example/" + ENI);
        }
    }
}
