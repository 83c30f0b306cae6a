package io.vpcflow.model.net;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary trie of IPv4 prefixes for longest-prefix match: a lookup walks at most 32 nodes whatever the number of
 * prefixes. Built once per model; not thread-safe while being built, safe to read concurrently afterwards.
 */
public final class CidrTrie<V> {
    private static final class Node<V> {
        Node<V> zero;
        Node<V> one;
        V value;
    }

    private final Node<V> root = new Node<>();
    private int size;

    /** Stores {@code value} at {@code cidr}; returns the value it replaced, or null. */
    public V put(Cidr cidr, V value) {
        Node<V> node = root;
        for (int bit = 0; bit < cidr.prefixLength(); bit++) {
            boolean one = (cidr.network() << bit) < 0;
            if (one) {
                node = node.one != null ? node.one : (node.one = new Node<>());
            } else {
                node = node.zero != null ? node.zero : (node.zero = new Node<>());
            }
        }
        V previous = node.value;
        node.value = value;
        if (previous == null) {
            size++;
        }
        return previous;
    }

    /** The value stored at exactly {@code cidr}, or null. */
    public V get(Cidr cidr) {
        Node<V> node = root;
        for (int bit = 0; bit < cidr.prefixLength() && node != null; bit++) {
            node = (cidr.network() << bit) < 0 ? node.one : node.zero;
        }
        return node == null ? null : node.value;
    }

    /** The value at exactly {@code cidr}, stored first from {@code create} when absent. */
    public V computeIfAbsent(Cidr cidr, java.util.function.Supplier<V> create) {
        V value = get(cidr);
        if (value == null) {
            value = create.get();
            put(cidr, value);
        }
        return value;
    }

    /** The value of the longest prefix holding {@code address}, or null. */
    public V longestMatch(int address) {
        Node<V> node = root;
        V best = root.value;
        for (int bit = 0; bit < 32 && node != null; bit++) {
            node = (address << bit) < 0 ? node.one : node.zero;
            if (node != null && node.value != null) {
                best = node.value;
            }
        }
        return best;
    }

    /** Every value whose prefix holds {@code address}, shortest prefix first. */
    public List<V> allMatches(int address) {
        List<V> matches = new ArrayList<>();
        Node<V> node = root;
        if (root.value != null) {
            matches.add(root.value);
        }
        for (int bit = 0; bit < 32 && node != null; bit++) {
            node = (address << bit) < 0 ? node.one : node.zero;
            if (node != null && node.value != null) {
                matches.add(node.value);
            }
        }
        return matches;
    }

    public int size() {
        return size;
    }
}
