package io.vpcflow.streams;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RuleTextTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no inbound rule of sg-0a1db allows tcp 10.0.11.20:34183 -> 10.0.21.10:5432 | no inbound rule of sg-0a1db",
        "no outbound rule of sg-1, sg-2 allows udp 10.0.1.5:53 -> 8.8.8.8:53 | no outbound rule of sg-1, sg-2",
        "network ACL acl-1 of subnet-1 denies tcp 1.2.3.4:5 -> 10.0.0.1:22 entering | network ACL acl-1 of subnet-1",
        "no connection from inside matches udp 8.8.8.8:53 -> 10.0.0.5:40000 | no connection from inside",
        "no route in rtb-0a1app matches 10.2.0.5 | no route in rtb-0a1app",
        "load balancer lb-1 has no listener with targets on port 8443 | load balancer lb-1 has no listener with targets",
        "inbound rule 50 deny all 203.0.113.99/32 | inbound rule 50 deny all 203.0.113.99/32",
        "inbound rule * (no numbered rule matches, so the final rule denies)"
                + " | inbound rule * (no numbered rule matches, so the final rule denies)"})
    void groupsWithoutThePacket(String rule, String group) {
        assertThat(RuleText.withoutPacket(rule)).isEqualTo(group);
    }
}
