package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.PrefixList;
import io.vpcflow.model.RulePeer;
import io.vpcflow.model.SecurityGroup;
import io.vpcflow.model.SecurityGroupRule;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SecurityGroupRuleMatchTest {
    private static final PrefixList S3 = new PrefixList("pl-s3", "com.amazonaws.us-east-1.s3",
            List.of(Cidr.parse("52.216.0.0/15")));

    static Stream<Arguments> cases() {
        return Stream.of(
                named("tcp port inside range", rule(Protocol.TCP, 1000, 2000, cidr("0.0.0.0/0")), tcp("1.2.3.4", 1500), List.of(), true),
                named("tcp port below range", rule(Protocol.TCP, 1000, 2000, cidr("0.0.0.0/0")), tcp("1.2.3.4", 999), List.of(), false),
                named("tcp port above range", rule(Protocol.TCP, 1000, 2000, cidr("0.0.0.0/0")), tcp("1.2.3.4", 2001), List.of(), false),
                named("udp rule does not match tcp", rule(Protocol.UDP, 53, 53, cidr("0.0.0.0/0")), tcp("1.2.3.4", 53), List.of(), false),
                named("source inside cidr", rule(Protocol.TCP, 22, 22, cidr("10.0.0.0/16")), tcp("10.0.5.5", 22), List.of(), true),
                named("source outside cidr", rule(Protocol.TCP, 22, 22, cidr("10.0.0.0/16")), tcp("10.1.5.5", 22), List.of(), false),
                named("all-traffic rule matches protocol 0", rule(Protocol.ALL, -1, -1, cidr("0.0.0.0/0")), proto0("8.8.8.8"), List.of(), true),
                named("tcp rule does not match protocol 0", rule(Protocol.TCP, 0, 65535, cidr("0.0.0.0/0")), proto0("8.8.8.8"), List.of(), false),
                named("icmp echo request allowed by type 8", rule(Protocol.ICMP, 8, -1, cidr("0.0.0.0/0")), icmp("1.1.1.1", 8), List.of(), true),
                named("icmp echo reply not allowed by type 8", rule(Protocol.ICMP, 8, -1, cidr("0.0.0.0/0")), icmp("1.1.1.1", 0), List.of(), false),
                named("icmp any type", rule(Protocol.ICMP, -1, -1, cidr("0.0.0.0/0")), icmp("1.1.1.1", 3), List.of(), true),
                named("prefix list holds source", rule(Protocol.TCP, 443, 443, new RulePeer.PrefixListPeer("pl-s3")), tcp("52.217.1.1", 443), List.of(), true),
                named("prefix list does not hold source", rule(Protocol.TCP, 443, 443, new RulePeer.PrefixListPeer("pl-s3")), tcp("52.218.1.1", 443), List.of(), false),
                named("referenced group is the sender's", rule(Protocol.TCP, 5432, 5432, new RulePeer.GroupPeer("sg-app", null)), tcp("10.0.9.9", 5432), List.of("sg-app"), true),
                named("referenced group is not the sender's", rule(Protocol.TCP, 5432, 5432, new RulePeer.GroupPeer("sg-app", null)), tcp("10.0.9.9", 5432), List.of("sg-web"), false),
                named("peer account group reference", rule(Protocol.TCP, 5432, 5432, new RulePeer.GroupPeer("sg-app", "111111111111")), tcp("10.0.9.9", 5432), List.of("sg-app"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesLikeAws(String name, SecurityGroupRule rule, Packet packet, List<String> remoteGroups, boolean allowed) {
        SecurityGroup group = new SecurityGroup("sg-test", "test", "vpc-1", "1", List.of(rule), List.of());
        CompiledSecurityGroup compiled = new CompiledSecurityGroup(group, id -> id.equals(S3.id()) ? S3 : null);
        assertThat(compiled.allow(false, packet, packet.srcIp(), remoteGroups) != null).isEqualTo(allowed);
    }

    private static Arguments named(String name, SecurityGroupRule rule, Packet packet, List<String> groups, boolean allowed) {
        return Arguments.of(name, rule, packet, groups, allowed);
    }

    static SecurityGroupRule rule(int protocol, int from, int to, RulePeer peer) {
        return new SecurityGroupRule(protocol, from, to, peer, null);
    }

    static RulePeer cidr(String cidr) {
        return new RulePeer.CidrPeer(Cidr.parse(cidr));
    }

    static Packet tcp(String src, int dstPort) {
        return Packet.tcp(Ipv4.parse(src), Ipv4.parse("10.0.1.10"), 49152, dstPort, Packet.SYN);
    }

    static Packet proto0(String src) {
        return new Packet(Ipv4.parse(src), Ipv4.parse("10.0.1.10"), 0, 0, 0, 0, -1, -1);
    }

    static Packet icmp(String src, int type) {
        return new Packet(Ipv4.parse(src), Ipv4.parse("10.0.1.10"), Protocol.ICMP, 0, 0, 0, type, 0);
    }
}
