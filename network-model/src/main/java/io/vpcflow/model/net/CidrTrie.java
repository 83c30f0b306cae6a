package io.vpcflow.model.net;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

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

    private static final int DEPTH = 0x3f;
    private static final int VALUED = 0x40;

    private final Node<V> root = new Node<>();
    private int size;
    /** The lookup form, made on the first lookup after a change; see {@link Flat}. */
    private volatile Flat flat;

    /**
     * The trie for lookups: only the nodes that hold a value or branch, in depth-first order, four ints each in one
     * array (the node's network, its prefix length with a has-value flag, the index of its zero and of its one
     * child, -1 for none). A lookup reads a few neighbouring ints per step instead of chasing one object per bit, and
     * skips the runs of single-child nodes, checking the skipped bits against the child's network.
     */
    private static final class Flat {
        final int[] nodes;
        final Object[] values;

        Flat(int[] nodes, Object[] values) {
            this.nodes = nodes;
            this.values = values;
        }
    }

    private Flat flat() {
        Flat current = flat;
        if (current == null) {
            current = flatten();
            flat = current;
        }
        return current;
    }

    private Flat flatten() {
        List<int[]> slots = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        emit(root, 0, 0, slots, values);
        int[] nodes = new int[slots.size() * 4];
        for (int i = 0; i < slots.size(); i++) {
            System.arraycopy(slots.get(i), 0, nodes, i * 4, 4);
        }
        return new Flat(nodes, values.toArray());
    }

    /** Emits the first node at or under {@code node} that holds a value or branches; returns its index in ints. */
    private int emit(Node<V> node, int network, int depth, List<int[]> slots, List<Object> values) {
        while (node != root && node.value == null && (node.zero == null) != (node.one == null)) {
            if (node.one != null) {
                network |= 1 << (31 - depth);
                node = node.one;
            } else {
                node = node.zero;
            }
            depth++;
        }
        int[] slot = {network, depth | (node.value != null ? VALUED : 0), -1, -1};
        int index = slots.size() * 4;
        slots.add(slot);
        values.add(node.value);
        if (node.zero != null) {
            slot[2] = emit(node.zero, network, depth + 1, slots, values);
        }
        if (node.one != null) {
            slot[3] = emit(node.one, network | (1 << (31 - depth)), depth + 1, slots, values);
        }
        return index;
    }

    @SuppressWarnings("unchecked")
    private V value(Flat flat, int at) {
        return (V) flat.values[at / 4];
    }

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
        flat = null;
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
        Flat flat = flat();
        int[] nodes = flat.nodes;
        V best = value(flat, 0);
        int at = 0;
        while (true) {
            int depth = nodes[at + 1] & DEPTH;
            if (depth == 32) {
                return best;
            }
            int child = (address << depth) < 0 ? nodes[at + 3] : nodes[at + 2];
            if (child < 0 || ((address ^ nodes[child]) & Cidr.mask(nodes[child + 1] & DEPTH)) != 0) {
                return best;
            }
            if ((nodes[child + 1] & VALUED) != 0) {
                best = value(flat, child);
            }
            at = child;
        }
    }

    /** Every value whose prefix holds {@code address}, shortest prefix first. */
    public List<V> allMatches(int address) {
        Flat flat = flat();
        int[] nodes = flat.nodes;
        List<V> matches = null;
        int at = 0;
        while (true) {
            if ((nodes[at + 1] & VALUED) != 0) {
                if (matches == null) {
                    matches = new ArrayList<>(4);
                }
                matches.add(value(flat, at));
            }
            int depth = nodes[at + 1] & DEPTH;
            int child = depth == 32 ? -1 : (address << depth) < 0 ? nodes[at + 3] : nodes[at + 2];
            if (child < 0 || ((address ^ nodes[child]) & Cidr.mask(nodes[child + 1] & DEPTH)) != 0) {
                return matches == null ? List.of() : matches;
            }
            at = child;
        }
    }

    /**
     * A trie of the same prefixes whose values also carry what every shorter prefix holding them stores:
     * {@code combine(inherited, value)} gets the combined value of the nearest stored prefix above (null at the top).
     * Then one {@link #longestMatch} answers what {@link #allMatches} would, without walking the matches again.
     */
    public <W> CidrTrie<W> withInherited(BiFunction<W, V, W> combine) {
        CidrTrie<W> result = new CidrTrie<>();
        copyInherited(root, 0, 0, null, combine, result);
        return result;
    }

    private static <V, W> void copyInherited(Node<V> node, int network, int depth, W inherited,
                                             BiFunction<W, V, W> combine, CidrTrie<W> into) {
        W carried = inherited;
        if (node.value != null) {
            carried = combine.apply(inherited, node.value);
            into.put(new Cidr(network, depth), carried);
        }
        if (node.zero != null) {
            copyInherited(node.zero, network, depth + 1, carried, combine, into);
        }
        if (node.one != null) {
            copyInherited(node.one, network | (1 << (31 - depth)), depth + 1, carried, combine, into);
        }
    }

    public int size() {
        return size;
    }
}
