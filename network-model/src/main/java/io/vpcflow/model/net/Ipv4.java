package io.vpcflow.model.net;

/** IPv4 addresses as unsigned 32-bit values held in an {@code int}; compare with {@link Integer#compareUnsigned}. */
public final class Ipv4 {
    private Ipv4() {
    }

    /** Parses dotted-quad notation; throws {@link IllegalArgumentException} naming the text on anything else. */
    public static int parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing IPv4 address");
        }
        int value = 0;
        int octets = 0;
        int current = -1;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? text.charAt(i) : '.';
            if (c == '.') {
                if (current < 0 || octets == 4) {
                    throw invalid(text);
                }
                value = (value << 8) | current;
                octets++;
                current = -1;
            } else if (c >= '0' && c <= '9') {
                current = current < 0 ? c - '0' : current * 10 + (c - '0');
                if (current > 255) {
                    throw invalid(text);
                }
            } else {
                throw invalid(text);
            }
        }
        if (octets != 4) {
            throw invalid(text);
        }
        return value;
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static String format(int address) {
        return ((address >>> 24) & 0xff) + "." + ((address >>> 16) & 0xff) + "."
                + ((address >>> 8) & 0xff) + "." + (address & 0xff);
    }

    /** RFC 1918 private space, which the public internet never routes. */
    public static boolean isPrivate(int address) {
        return Cidr.RFC1918_10.contains(address) || Cidr.RFC1918_172.contains(address)
                || Cidr.RFC1918_192.contains(address);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IPv4 address (expected a.b.c.d, each 0-255)");
    }
}
