package io.vpcflow.model.load.yaml;

import io.vpcflow.model.net.Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping read as the fields of an entity. Every accessor reports a wrong type as a problem naming the
 * entity and returns null (or the default), so that a reader can carry on and report everything at once.
 * Unknown keys are errors: a misspelt key would otherwise silently drop a rule or a route.
 */
final class Fields {
    private final Ctx ctx;
    private final Node node;
    private final String entityId;
    private final String entity;
    private final Map<String, Node> values = new LinkedHashMap<>();

    private Fields(Ctx ctx, Node node, String entityId, String entity) {
        this.ctx = ctx;
        this.node = node;
        this.entityId = entityId;
        this.entity = entity;
    }

    /**
     * Reads {@code node} as a mapping describing one {@code kind} of entity, named in problems by its {@code id}
     * key (or {@code context} when it has none); null, and a problem, if it is not a mapping.
     */
    static Fields of(Ctx ctx, Node node, String kind, String context, Set<String> allowed) {
        String id = node instanceof MappingNode mapping ? idOf(mapping) : null;
        return read(ctx, node, id != null ? id : context, id != null ? kind + " " + id : kind + " of " + context,
                allowed);
    }

    /** Reads {@code node} as a mapping that belongs to the entity {@code entityId}, such as one of its rules. */
    static Fields ofPart(Ctx ctx, Node node, String entityId, String entity, Set<String> allowed) {
        return read(ctx, node, entityId, entity, allowed);
    }

    private static Fields read(Ctx ctx, Node node, String entityId, String entity, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            ctx.error(node, entityId, entity + " must be a mapping (key: value lines), not " + kind(node),
                    "write it as `key: value` lines");
            return null;
        }
        Fields fields = new Fields(ctx, node, entityId, entity);
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarText(tuple.getKeyNode());
            if (key == null) {
                ctx.error(tuple.getKeyNode(), entityId, "a key of " + entity + " is not a plain word",
                        "use a plain key");
            } else if (fields.values.containsKey(key)) {
                ctx.error(tuple.getKeyNode(), entityId, "key '" + key + "' appears twice in " + entity,
                        "remove one of them");
            } else if (!allowed.contains(key)) {
                ctx.error(tuple.getKeyNode(), entityId, "unknown key '" + key + "' in " + entity,
                        closest(key, allowed));
            } else {
                fields.values.put(key, tuple.getValueNode());
            }
        }
        return fields;
    }

    private static String idOf(MappingNode mapping) {
        for (NodeTuple tuple : mapping.getValue()) {
            if ("id".equals(scalarText(tuple.getKeyNode()))) {
                return scalarText(tuple.getValueNode());
            }
        }
        return null;
    }

    Node node() {
        return node;
    }

    Node node(String key) {
        return values.get(key);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    String string(String key) {
        Node value = values.get(key);
        if (value == null || isNull(value)) {
            return null;
        }
        String text = scalarText(value);
        if (text == null) {
            ctx.error(value, entityId, "'" + key + "' of " + entity + " must be a single value, not " + kind(value),
                    "write `" + key + ": <value>`");
        }
        return text;
    }

    String required(String key, String fix) {
        String text = string(key);
        if (text == null && !values.containsKey(key)) {
            ctx.error(node, entityId, entity + " has no '" + key + "'", fix);
        } else if (text == null && isNull(values.get(key))) {
            ctx.error(values.get(key), entityId, "'" + key + "' of " + entity + " is empty", fix);
        }
        return text;
    }

    boolean bool(String key, boolean defaultValue) {
        String text = string(key);
        if (text == null) {
            return defaultValue;
        }
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on": return true;
            case "false": case "no": case "off": return false;
            default:
                ctx.error(values.get(key), entityId, "'" + key + "' of " + entity + " must be true or false, not '"
                        + text + "'", "write `" + key + ": true` or `" + key + ": false`");
                return defaultValue;
        }
    }

    Integer integer(String key) {
        String text = string(key);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            ctx.error(values.get(key), entityId, "'" + key + "' of " + entity + " must be a whole number, not '"
                    + text + "'", "write a number such as 100");
            return null;
        }
    }

    /** A single value or a list of single values. */
    List<String> strings(String key) {
        Node value = values.get(key);
        List<String> result = new ArrayList<>();
        if (value == null || isNull(value)) {
            return result;
        }
        if (value instanceof ScalarNode) {
            result.add(scalarText(value));
            return result;
        }
        for (Node item : items(key)) {
            String text = scalarText(item);
            if (text == null) {
                ctx.error(item, entityId, "'" + key + "' of " + entity + " must list single values, not "
                        + kind(item), "write `" + key + ": [a, b]`");
            } else {
                result.add(text);
            }
        }
        return result;
    }

    /** The items of a list; a problem and an empty list if the value is not a list. */
    List<Node> items(String key) {
        Node value = values.get(key);
        if (value == null || isNull(value)) {
            return List.of();
        }
        if (!(value instanceof SequenceNode sequence)) {
            ctx.error(value, entityId, "'" + key + "' of " + entity + " must be a list, not " + kind(value),
                    "write each item on its own `- ` line");
            return List.of();
        }
        return sequence.getValue();
    }

    /** The entries of a mapping value, key node to value node; a problem if it is not a mapping. */
    List<NodeTuple> entries(String key) {
        Node value = values.get(key);
        if (value == null || isNull(value)) {
            return List.of();
        }
        if (!(value instanceof MappingNode mapping)) {
            ctx.error(value, entityId, "'" + key + "' of " + entity + " must be a mapping, not " + kind(value),
                    "write `key: value` lines under '" + key + "'");
            return List.of();
        }
        return mapping.getValue();
    }

    Cidr cidr(String key) {
        String text = string(key);
        return text == null ? null : parseCidr(values.get(key), text);
    }

    List<Cidr> cidrs(String key) {
        List<Cidr> result = new ArrayList<>();
        for (String text : strings(key)) {
            Cidr cidr = parseCidr(values.get(key), text);
            if (cidr != null) {
                result.add(cidr);
            }
        }
        return result;
    }

    private Cidr parseCidr(Node at, String text) {
        try {
            return Cidr.parse(text);
        } catch (IllegalArgumentException e) {
            ctx.error(at, entityId, "bad CIDR block in " + entity + ": " + e.getMessage(),
                    "write a block such as 10.0.1.0/24");
            return null;
        }
    }

    static String scalarText(Node node) {
        return node instanceof ScalarNode scalar ? scalar.getValue() : null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.getTag().getValue().endsWith(":null");
    }

    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return node == null ? "nothing" : "the value '" + scalarText(node) + "'";
    }

    private static String closest(String key, Set<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int distance = distance(key, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        String known = "known keys: " + String.join(", ", allowed.stream().sorted().toList());
        return best != null && bestDistance <= 3 ? "did you mean '" + best + "'? (" + known + ")" : known;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
