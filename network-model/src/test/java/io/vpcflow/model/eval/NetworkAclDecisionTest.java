package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.NetworkAcl;
import io.vpcflow.model.NetworkAclEntry;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.PortRange;
import io.vpcflow.model.net.Protocol;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class NetworkAclDecisionTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("lowest number wins: deny 100 before allow 200",
                        List.of(in(200, Protocol.ALL, null, "0.0.0.0/0", true), in(100, Protocol.TCP, PortRange.of(22), "0.0.0.0/0", false)),
                        inbound("1.2.3.4", 22), 100, false),
                Arguments.of("lowest number wins even when listed last",
                        List.of(in(300, Protocol.TCP, PortRange.of(22), "0.0.0.0/0", false), in(50, Protocol.ALL, null, "1.2.3.0/24", true)),
                        inbound("1.2.3.4", 22), 50, true),
                Arguments.of("more specific block does not beat a lower number",
                        List.of(in(10, Protocol.ALL, null, "0.0.0.0/0", true), in(20, Protocol.ALL, null, "1.2.3.4/32", false)),
                        inbound("1.2.3.4", 80), 10, true),
                Arguments.of("no rule matches: final * denies",
                        List.of(in(100, Protocol.TCP, PortRange.of(443), "0.0.0.0/0", true)),
                        inbound("1.2.3.4", 80), null, false),
                Arguments.of("ephemeral port rule allows a reply",
                        List.of(in(100, Protocol.TCP, new PortRange(1024, 65535), "0.0.0.0/0", true)),
                        inbound("1.2.3.4", 49152), 100, true),
                Arguments.of("source outside the rule's block",
                        List.of(in(100, Protocol.ALL, null, "10.0.0.0/8", true)),
                        inbound("11.0.0.1", 80), null, false),
                Arguments.of("outbound rules do not apply inbound",
                        List.of(out(100, Protocol.ALL, "0.0.0.0/0", true)),
                        inbound("1.2.3.4", 80), null, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstMatchByRuleNumber(String name, List<NetworkAclEntry> entries, Packet packet, Integer rule, boolean allow) {
        CompiledNetworkAcl acl = new CompiledNetworkAcl(new NetworkAcl("acl-1", "vpc-1", false, List.of(), entries));
        NetworkAclEntry decided = acl.decide(false, packet);
        assertThat(decided == null ? null : decided.ruleNumber()).isEqualTo(rule);
        assertThat(decided != null && decided.allow()).isEqualTo(allow);
    }

    private static NetworkAclEntry in(int number, int protocol, PortRange ports, String cidr, boolean allow) {
        return new NetworkAclEntry(number, false, protocol, ports, -1, -1, Cidr.parse(cidr), allow);
    }

    private static NetworkAclEntry out(int number, int protocol, String cidr, boolean allow) {
        return new NetworkAclEntry(number, true, protocol, null, -1, -1, Cidr.parse(cidr), allow);
    }

    private static Packet inbound(String src, int dstPort) {
        return Packet.tcp(Ipv4.parse(src), Ipv4.parse("10.0.1.10"), 40000, dstPort, 0);
    }
}
