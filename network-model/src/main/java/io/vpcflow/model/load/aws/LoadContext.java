package io.vpcflow.model.load.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.Network;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the mappers share while loading: the network being built, the problems found, where each entity came from,
 * and the cross-file lookups. Every entity goes through {@link #add}, so a bad record or a duplicate id becomes a
 * problem and reading goes on.
 */
final class LoadContext {
    final Network.Builder builder = Network.builder();
    final List<Problem> problems;
    final Map<String, Location> locations = new LinkedHashMap<>();
    final CrossReferences refs;
    private final Map<String, Object> entities = new HashMap<>();

    LoadContext(List<Problem> problems, CrossReferences refs) {
        this.problems = problems;
        this.refs = refs;
    }

    /**
     * Builds one entity and hands it to {@code sink}. A build that throws becomes an error naming the entity; a
     * second entity with the same id is dropped, silently when it is equal (the same peering or prefix list seen
     * from two accounts), with an error when it differs. A build returning null means "skip, already reported".
     */
    <T> void add(DescribeFile file, JsonNode item, String id, Supplier<T> build, Consumer<T> sink) {
        T entity;
        try {
            entity = build.get();
        } catch (RuntimeException e) {
            error(file, id, messageOf(e) + (id == null ? position(file, item) : ""), fixFor(file));
            return;
        }
        if (entity == null) {
            return;
        }
        Object first = entities.putIfAbsent(id, entity);
        if (first != null) {
            if (!first.equals(entity)) {
                error(file, id, "duplicate id: " + id + " is also defined in " + locations.get(id)
                                + " with different content; the first definition is kept",
                        "keep one definition of " + id + " (snapshots of two accounts or Regions must not disagree)");
            }
            return;
        }
        locations.put(id, file.location());
        sink.accept(entity);
    }

    /** Where an entry without an id sits, so that it can be found: " (entry 3 of 5)". */
    private static String position(DescribeFile file, JsonNode item) {
        List<JsonNode> items = file.items();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == item) {
                return " (entry " + (i + 1) + " of " + items.size() + ")";
            }
        }
        return "";
    }

    /** Builds one part of an entity (a route, a rule); on failure reports it against {@code ownerId}, returns null. */
    <T> T attempt(DescribeFile file, String ownerId, String what, Supplier<T> part) {
        try {
            return part.get();
        } catch (RuntimeException e) {
            error(file, ownerId, what + " skipped: " + messageOf(e), fixFor(file));
            return null;
        }
    }

    /** Records where a non-entity id (an instance) was read, so reports can point at it. */
    void locate(String id, DescribeFile file) {
        if (id != null) {
            locations.putIfAbsent(id, file.location());
        }
    }

    void error(DescribeFile file, String entityId, String message, String fix) {
        problems.add(Problem.error(file.location(), entityId, message, fix));
    }

    void warning(DescribeFile file, String entityId, String message, String fix) {
        problems.add(Problem.warning(file.location(), entityId, message, fix));
    }

    /** The Region of an entity in {@code vpcId} read from {@code file}. */
    String region(DescribeFile file, String vpcId) {
        return refs.region(file, vpcId);
    }

    static String fixFor(DescribeFile file) {
        return "correct the entry in " + file.path() + " or collect it again with `" + file.kind().command
                + " --output json`";
    }

    private static String messageOf(RuntimeException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    static <T> List<T> withoutNulls(List<T> values) {
        List<T> kept = new ArrayList<>(values.size());
        for (T value : values) {
            if (value != null) {
                kept.add(value);
            }
        }
        return kept;
    }
}
