package io.vpcflow.model.net;

/** An IPv4 CIDR block. The address is normalised to the network address. */
public record Cidr(int network, int prefixLength) implements Comparable<Cidr> {
    public static final Cidr ANY = new Cidr(0, 0);
    static final Cidr RFC1918_10 = parse("10.0.0.0/8");
    static final Cidr RFC1918_172 = parse("172.16.0.0/12");
    static final Cidr RFC1918_192 = parse("192.168.0.0/16");

    public Cidr {
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0-32");
        }
        network = network & mask(prefixLength);
    }

    /** Parses {@code a.b.c.d/n}; a bare address is taken as /32. */
    public static Cidr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("missing CIDR block");
        }
        int slash = text.indexOf('/');
        if (slash < 0) {
            return new Cidr(Ipv4.parse(text), 32);
        }
        int length;
        try {
            length = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR block (expected a.b.c.d/n)");
        }
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("'" + text + "' has prefix length " + length + ", outside 0-32");
        }
        int address = Ipv4.parse(text.substring(0, slash));
        if ((address & mask(length)) != address) {
            throw new IllegalArgumentException("'" + text + "' has host bits set; did you mean "
                    + new Cidr(address, length) + "?");
        }
        return new Cidr(address, length);
    }

    public static int mask(int prefixLength) {
        return prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    }

    public boolean contains(int address) {
        return (address & mask(prefixLength)) == network;
    }

    public boolean contains(Cidr other) {
        return other.prefixLength >= prefixLength && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    public int first() {
        return network;
    }

    public int last() {
        return network | ~mask(prefixLength);
    }

    /** The n-th address of the block (AWS reserves +0 to +3 and the last one in a subnet). */
    public int addressAt(int offset) {
        return network + offset;
    }

    @Override
    public int compareTo(Cidr other) {
        int byNetwork = Integer.compareUnsigned(network, other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefixLength, other.prefixLength);
    }

    @Override
    public String toString() {
        return Ipv4.format(network) + "/" + prefixLength;
    }
}
