package io.vpcflow.streams.query;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The answers of the API. A keyed query (one interface's records, one finding) is answered by the instance that
 * owns the key's partition, forwarded there when that is another instance; a query over all keys goes through
 * {@link FanOut}. A request carrying {@code partitions} comes from another instance and is answered from this
 * instance's stores for exactly those partitions.
 */
final class QueryService {
    private static final Pattern INTERFACE_ID = Pattern.compile("eni-[0-9a-zA-Z]{1,64}");

    private final KafkaStreams streams;
    private final QueryConfig config;
    private final SourcePartitions sources;
    private final Placement placement;
    private final Forwarder forwarder;
    private final FanOut fanOut;
    private final Explainer explainer;
    private final Clock clock;

    QueryService(KafkaStreams streams, QueryConfig config, SourcePartitions sources, Explainer explainer,
                 Clock clock) {
        this.streams = streams;
        this.config = config;
        this.sources = sources;
        this.placement = new Placement(streams, HostInfo.buildFromEndpoint(
                config.applicationServer()), sources);
        this.forwarder = new Forwarder(config.forwardTimeout());
        this.fanOut = new FanOut(streams, config, placement, forwarder, clock);
        this.explainer = explainer;
        this.clock = clock;
    }

    Reply answer(String path, Params params) {
        return switch (path) {
            case Routes.FLOW_LOGS -> flowLogs(params);
            case Routes.FINDING -> finding(params);
            case Routes.TOP_TALKERS -> fanOut.topTalkers(params);
            case Routes.REJECTS -> fanOut.rejects(params);
            case Routes.FINDINGS -> fanOut.findings(params);
            case Routes.EXPLAIN -> Reply.ok(explainer.explain(params));
            case Routes.INSTANCE -> Reply.ok(instance());
            case Routes.HEALTH -> health();
            default -> throw QueryException.notFound("no route " + path);
        };
    }

    private Reply flowLogs(Params params) {
        String iface = params.required("interface");
        if (!INTERFACE_ID.matcher(iface).matches()) {
            throw QueryException.badRequest("parameter 'interface' = '" + iface
                    + "' is not an interface id (eni- and 1-64 letters or digits)");
        }
        TimeRange range = TimeRange.of(params, clock);
        Page page = Page.of(params, config);
        boolean stale = params.bool("stale", config.staleReads());
        List<Integer> leaf = FanOut.partitions(params, QueryTopology.RECORDS, sources);
        if (leaf != null) {
            return recordsPage(iface, range, page, stale, single(leaf));
        }
        Placement.Target owner = placement.owner(QueryTopology.RECORDS, iface, stale);
        if (owner.host().equals(placement.self())) {
            return recordsPage(iface, range, page, stale, owner.partition());
        }
        String query = "interface=" + iface + "&" + range.query() + "&" + page.query() + "&stale=" + stale
                + "&" + Routes.PARTITIONS + "=" + owner.partition();
        Forwarder.Answer a = Forwarder.await(owner.host(), forwarder.get(owner.host(), Routes.FLOW_LOGS + "?" + query));
        return relay(owner, a);
    }

    /**
     * One page of an interface's records, written straight to JSON: the same text as {@link Page#of} of the
     * {@link JsonViews} through an {@code ObjectMapper}, without the maps in between.
     */
    private Reply recordsPage(String iface, TimeRange range, Page page, boolean stale, int partition) {
        placement.checkState(stale);
        LocalStores.RecordPage found = new LocalStores(new KafkaStoreSource(streams, stale))
                .records(iface, range.from(), range.to(), partition, page.offset(), page.limit());
        return Reply.raw(200, JsonViews.write(json -> {
            json.writeStartObject();
            json.writeStringField("interface", iface);
            json.writeStringField("from", IsoInstants.format(range.from()));
            json.writeStringField("to", IsoInstants.format(range.to()));
            json.writeArrayFieldStart("items");
            for (FlowLogRecord r : found.records()) {
                JsonViews.write(json, r);
            }
            json.writeEndArray();
            page.writeFields(json, found.records().size(), found.total());
            json.writeEndObject();
        }));
    }

    private Reply finding(Params params) {
        String id = params.required("id");
        boolean stale = params.bool("stale", config.staleReads());
        List<Integer> leaf = FanOut.partitions(params, QueryTopology.FINDINGS, sources);
        if (leaf != null) {
            return findingAt(id, stale, single(leaf));
        }
        Placement.Target owner = placement.owner(QueryTopology.FINDINGS, id, stale);
        if (owner.host().equals(placement.self())) {
            return findingAt(id, stale, owner.partition());
        }
        String query = "id=" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "&stale="
                + stale + "&" + Routes.PARTITIONS + "=" + owner.partition();
        return relay(owner, Forwarder.await(owner.host(), forwarder.get(owner.host(), Routes.FINDING + "?" + query)));
    }

    private Reply findingAt(String id, boolean stale, int partition) {
        placement.checkState(stale);
        Finding f = new LocalStores(new KafkaStoreSource(streams, stale)).finding(id, partition);
        if (f == null) {
            throw QueryException.notFound("no finding with id '" + id + "'");
        }
        return Reply.ok(JsonViews.of(f));
    }

    /** The owner's answer as it is: its data, its 404, or its 503 (it may be rebalancing too). */
    private static Reply relay(Placement.Target owner, Forwarder.Answer a) {
        if (a.status() == 200 || a.status() == 404 || a.status() == 503) {
            return Reply.raw(a.status(), a.body());
        }
        throw QueryException.unavailable("instance " + owner.host() + " answered " + a.status() + ": " + a.text());
    }

    private static int single(List<Integer> partitions) {
        if (partitions.size() != 1) {
            throw QueryException.badRequest("parameter 'partitions' must name one partition for a keyed query");
        }
        return partitions.get(0);
    }

    private Map<String, Object> instance() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("application_server", config.applicationServer());
        m.put("state", streams.state().name());
        m.put("stale_reads_default", config.staleReads());
        m.put("stores", List.of(QueryTopology.RECORDS, QueryTopology.TRAFFIC, QueryTopology.REJECTS,
                QueryTopology.FINDINGS));
        List<Map<String, Object>> instances = new ArrayList<>();
        if (streams.state().isRunningOrRebalancing()) {
            for (StreamsMetadata c : streams.metadataForAllStreamsClients()) {
                Map<String, Object> i = new LinkedHashMap<>();
                i.put("application_server", c.host() + ":" + c.port());
                i.put("active", names(c.topicPartitions()));
                i.put("standby", names(c.standbyTopicPartitions()));
                instances.add(i);
            }
        }
        m.put("instances", instances);
        return m;
    }

    private static List<String> names(Set<TopicPartition> partitions) {
        TreeSet<String> out = new TreeSet<>();
        partitions.forEach(tp -> out.add(tp.topic() + "-" + tp.partition()));
        return new ArrayList<>(out);
    }

    private Reply health() {
        KafkaStreams.State state = streams.state();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", state == KafkaStreams.State.RUNNING ? "UP" : "DOWN");
        m.put("state", state.name());
        return new Reply(state == KafkaStreams.State.RUNNING ? 200 : 503, m, null);
    }
}
