package io.vpcflow.streams.query;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Queries over all keys: every partition of the store is asked exactly once, at the instance {@link Placement}
 * picks; partial answers are summed or concatenated here, sorted, then paged. If any instance cannot answer for its
 * partitions the whole request is a 503: the API never presents a part as the whole.
 */
final class FanOut {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> GROUPINGS = List.of("vpc", "subnet", "interface");
    static final List<String> METRICS = List.of("bytes", "packets");
    static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH");

    private final KafkaStreams streams;
    private final QueryConfig config;
    private final Placement placement;
    private final Forwarder forwarder;
    private final Clock clock;

    FanOut(KafkaStreams streams, QueryConfig config, Placement placement, Forwarder forwarder, Clock clock) {
        this.streams = streams;
        this.config = config;
        this.placement = placement;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    Reply topTalkers(Params params) {
        String by = params.choice("by", "interface", GROUPINGS);
        String metric = params.choice("metric", "bytes", METRICS);
        String vpc = params.string("vpc", null);
        TimeRange range = TimeRange.of(params, clock).toMinutes();
        Page page = Page.of(params, config);
        boolean stale = params.bool("stale", config.staleReads());
        List<Integer> leaf = partitions(params, QueryTopology.TRAFFIC, placement.sources());
        Local<TrafficTotals> local = (stores, parts) -> stores.traffic(range.from(), range.to(), parts);
        if (leaf != null) {
            return leafAnswer(leaf, stale, local);
        }
        List<TrafficTotals> all = gather(QueryTopology.TRAFFIC, Routes.TOP_TALKERS, range.query(), stale,
                TrafficTotals.class, local);
        Map<String, TrafficTotals> groups = new LinkedHashMap<>();
        for (TrafficTotals t : all) {
            if (vpc == null || vpc.equals(t.vpcId())) {
                String key = switch (by) {
                    case "vpc" -> t.vpcId();
                    case "subnet" -> t.subnetId();
                    default -> t.interfaceId();
                };
                groups.merge(key, t, TrafficTotals::plus);
            }
        }
        Comparator<Map.Entry<String, TrafficTotals>> order = Comparator.comparingLong(
                e -> metric.equals("bytes") ? -e.getValue().bytes() : -e.getValue().packets());
        List<Map<String, Object>> items = new ArrayList<>();
        groups.entrySet().stream().sorted(order.thenComparing(Map.Entry::getKey)).forEach(e -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(by, e.getKey());
            item.put("bytes", e.getValue().bytes());
            item.put("packets", e.getValue().packets());
            item.put("records", e.getValue().records());
            items.add(item);
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("by", by);
        extra.put("metric", metric);
        extra.putAll(range.fields());
        return Reply.ok(page.of(items, extra));
    }

    Reply rejects(Params params) {
        String vpc = params.string("vpc", null);
        TimeRange range = TimeRange.of(params, clock).toMinutes();
        Page page = Page.of(params, config);
        boolean stale = params.bool("stale", config.staleReads());
        String leafQuery = range.query() + (vpc == null ? "" : "&vpc=" + encode(vpc));
        Local<RejectTotals> local = (stores, parts) -> stores.rejects(range.from(), range.to(), vpc, parts);
        List<Integer> leaf = partitions(params, QueryTopology.REJECTS, placement.sources());
        if (leaf != null) {
            return leafAnswer(leaf, stale, local);
        }
        List<RejectTotals> all = gather(QueryTopology.REJECTS, Routes.REJECTS, leafQuery, stale,
                RejectTotals.class, local);
        Map<String, RejectTotals> groups = new LinkedHashMap<>();
        all.forEach(r -> groups.merge(r.group(), r, RejectTotals::plus));
        List<Map<String, Object>> items = new ArrayList<>();
        groups.values().stream().sorted(Comparator.comparingLong((RejectTotals r) -> -r.packets())
                .thenComparing(RejectTotals::group)).forEach(r -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("component", r.component());
                    item.put("rule", r.rule());
                    item.put("explanation_code", r.explanationCode());
                    item.put("bytes", r.bytes());
                    item.put("packets", r.packets());
                    item.put("records", r.records());
                    items.add(item);
                });
        Map<String, Object> extra = new LinkedHashMap<>(range.fields());
        extra.put("vpc", vpc);
        return Reply.ok(page.of(items, extra));
    }

    @SuppressWarnings("unchecked")
    Reply findings(Params params) {
        String type = params.string("type", null);
        String severity = params.has("severity") ? params.choice("severity", null, SEVERITIES) : null;
        String resource = params.string("resource", null);
        Instant from = params.instant("from", null);
        Instant to = params.instant("to", null);
        if (from != null && to != null && !from.isBefore(to)) {
            throw QueryException.badRequest("parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        Page page = Page.of(params, config);
        boolean stale = params.bool("stale", config.staleReads());
        FindingFilter filter = new FindingFilter(type, severity, resource, from, to);
        List<String> q = new ArrayList<>();
        append(q, "type", type);
        append(q, "severity", severity);
        append(q, "resource", resource);
        append(q, "from", from);
        append(q, "to", to);
        Local<Map<String, Object>> local = (stores, parts) -> stores.findings(filter, parts).stream()
                .map(JsonViews::of).toList();
        List<Integer> leaf = partitions(params, QueryTopology.FINDINGS, placement.sources());
        if (leaf != null) {
            return leafAnswer(leaf, stale, local);
        }
        List<Map<String, Object>> all = gather(QueryTopology.FINDINGS, Routes.FINDINGS, String.join("&", q), stale,
                (Class<Map<String, Object>>) (Class<?>) Map.class, local);
        List<Map<String, Object>> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparing((Map<String, Object> f) -> Instant.parse((String) f.get("lastSeen")))
                .reversed().thenComparing(f -> (String) f.get("id")));
        return Reply.ok(page.of(sorted, new LinkedHashMap<>()));
    }

    private static void append(List<String> query, String name, Object value) {
        if (value != null) {
            query.add(name + "=" + encode(value.toString()));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Reads this instance's part of a store for the given partitions. */
    interface Local<T> {
        List<T> read(LocalStores stores, Collection<Integer> partitions);
    }

    /** This instance's part of a fanned-out query, asked for by another instance. */
    private <T> Reply leafAnswer(List<Integer> parts, boolean stale, Local<T> local) {
        placement.checkState(stale);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", local.read(new LocalStores(new KafkaStoreSource(streams, stale)), parts));
        return Reply.ok(body);
    }

    /** Every partition's items, from this instance and the others. */
    private <T> List<T> gather(String store, String path, String query, boolean stale, Class<T> type,
                               Local<T> local) {
        Map<HostInfo, List<Integer>> plan = placement.plan(store, stale);
        Map<HostInfo, CompletableFuture<Forwarder.Answer>> remote = new LinkedHashMap<>();
        plan.forEach((host, parts) -> {
            if (!host.equals(placement.self())) {
                String leafQuery = (query.isEmpty() ? "" : query + "&") + "stale=" + stale + "&" + Routes.PARTITIONS
                        + "=" + join(parts);
                remote.put(host, forwarder.get(host, path + "?" + leafQuery));
            }
        });
        List<T> out = new ArrayList<>();
        if (plan.containsKey(placement.self())) {
            out.addAll(local.read(new LocalStores(new KafkaStoreSource(streams, stale)),
                    plan.get(placement.self())));
        }
        JavaType listType = JSON.getTypeFactory().constructCollectionType(List.class, type);
        for (Map.Entry<HostInfo, CompletableFuture<Forwarder.Answer>> e : remote.entrySet()) {
            Forwarder.Answer a = Forwarder.await(e.getKey(), e.getValue());
            if (a.status() != 200) {
                throw QueryException.unavailable("instance " + e.getKey() + " could not answer for partitions "
                        + plan.get(e.getKey()) + " (" + a.status() + "): " + a.text());
            }
            out.addAll(items(a.body(), listType, e.getKey()));
        }
        return out;
    }

    private static <T> List<T> items(byte[] body, JavaType listType, HostInfo host) {
        try {
            JsonNode items = JSON.readTree(body).get("items");
            return JSON.convertValue(items, listType);
        } catch (IOException | IllegalArgumentException e) {
            throw QueryException.unavailable("instance " + host + " answered unreadable JSON: " + e.getMessage());
        }
    }

    private static String join(List<Integer> parts) {
        return String.join(",", parts.stream().map(String::valueOf).toList());
    }

    /** The {@code partitions} of a request from another instance, or {@code null} when it has none. */
    static List<Integer> partitions(Params params, String store, SourcePartitions sources) {
        if (!params.has(Routes.PARTITIONS)) {
            return null;
        }
        String text = params.required(Routes.PARTITIONS);
        int count = sources.countOf(store);
        TreeSet<Integer> out = new TreeSet<>();
        for (String part : text.split(",", -1)) {
            try {
                int p = Integer.parseInt(part.strip());
                if (p >= 0 && p < count && out.add(p)) {
                    continue;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw QueryException.badRequest("parameter 'partitions' = '" + text + "' must list distinct partition"
                    + " numbers from 0 to " + (count - 1) + ", separated by commas");
        }
        return new ArrayList<>(out);
    }
}
