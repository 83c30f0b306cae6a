package io.vpcflow.streams;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deciding rule of a REJECT record without the packet it was applied to. The network model's texts for a miss
 * name the packet ("no inbound rule of sg-1 allows tcp 10.0.1.5:40112 -> 10.0.2.9:5432"), whose ephemeral port would
 * make one group per flow in the reject totals and one series per flow in the metrics; grouping keeps the part before
 * the packet ("no inbound rule of sg-1"). Texts that name no packet ("inbound rule 50 deny all 203.0.113.99/32",
 * "inbound rule * (no numbered rule matches, so the final rule denies)") stay whole.
 */
public final class RuleText {
    /** Where a text starts describing a packet: a verb followed by a protocol or an address, or a port number. */
    private static final Pattern PACKET = Pattern.compile(
            " (?:allows|matches|denies) (?=(?:tcp|udp|icmp|proto|all)\\b|\\d)| on port \\d");

    private RuleText() {
    }

    public static String withoutPacket(String rule) {
        if (rule == null) {
            return null;
        }
        Matcher m = PACKET.matcher(rule);
        return m.find() && m.start() > 0 ? rule.substring(0, m.start()) : rule;
    }
}
