package io.vpcflow.model.net;

import java.util.Locale;

/** IANA protocol numbers as AWS uses them; {@link #ALL} is AWS's "-1" (all traffic). */
public final class Protocol {
    public static final int ALL = -1;
    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMPV6 = 58;

    private Protocol() {
    }

    /** Accepts tcp, udp, icmp, icmpv6, all, -1 or a number 0-255. */
    public static int parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing protocol");
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "tcp": return TCP;
            case "udp": return UDP;
            case "icmp": return ICMP;
            case "icmpv6": return ICMPV6;
            case "all": case "-1": return ALL;
            default:
                try {
                    int number = Integer.parseInt(text.trim());
                    if (number >= 0 && number <= 255) {
                        return number;
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw new IllegalArgumentException("'" + text
                        + "' is not a protocol (use tcp, udp, icmp, -1 for all, or a number 0-255)");
        }
    }

    public static boolean hasPorts(int protocol) {
        return protocol == TCP || protocol == UDP;
    }

    public static String name(int protocol) {
        switch (protocol) {
            case ALL: return "all";
            case TCP: return "tcp";
            case UDP: return "udp";
            case ICMP: return "icmp";
            case ICMPV6: return "icmpv6";
            default: return Integer.toString(protocol);
        }
    }
}
