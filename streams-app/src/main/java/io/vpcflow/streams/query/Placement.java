package io.vpcflow.streams.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the data of a key or of a whole store lives, from Kafka Streams' view of the group. Without stale reads
 * only active tasks count, and only while this instance is {@code RUNNING}; with stale reads this instance prefers
 * its own copy (active or standby), then the active host, then a standby host.
 */
final class Placement {
    /** One partition of a store and the instance that answers for it. */
    record Target(HostInfo host, int partition) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;
    private final SourcePartitions sources;

    Placement(KafkaStreams streams, HostInfo self, SourcePartitions sources) {
        this.streams = streams;
        this.self = self;
        this.sources = sources;
    }

    SourcePartitions sources() {
        return sources;
    }

    HostInfo self() {
        return self;
    }

    /** Refuses (503) when this instance cannot take part in a correct answer now. */
    void checkState(boolean stale) {
        KafkaStreams.State state = streams.state();
        boolean ok = state == KafkaStreams.State.RUNNING || stale && state == KafkaStreams.State.REBALANCING;
        if (!ok) {
            throw QueryException.unavailable("instance " + self + " is " + state
                    + (state == KafkaStreams.State.REBALANCING ? "; retry, or allow stale reads with stale=true" : ""));
        }
    }

    /** The instance that answers for {@code key} of {@code store}. */
    Target owner(String store, String key, boolean stale) {
        checkState(stale);
        KeyQueryMetadata m = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw QueryException.unavailable("no instance holds " + store + " for '" + key + "' now");
        }
        if (stale && (self.equals(m.activeHost()) || m.standbyHosts().contains(self))) {
            return new Target(self, m.partition());
        }
        if (!m.activeHost().equals(HostInfo.unavailable())) {
            return new Target(m.activeHost(), m.partition());
        }
        if (stale && !m.standbyHosts().isEmpty()) {
            return new Target(m.standbyHosts().iterator().next(), m.partition());
        }
        throw QueryException.unavailable("partition " + m.partition() + " of " + store + " has no active instance");
    }

    /** Every partition of {@code store}, grouped by the instance that answers for it; 503 if any has none. */
    Map<HostInfo, List<Integer>> plan(String store, boolean stale) {
        checkState(stale);
        String topic = sources.topicOf(store);
        Collection<StreamsMetadata> clients = streams.streamsMetadataForStore(store);
        Map<HostInfo, List<Integer>> plan = new TreeMap<>(
                (a, b) -> (a.host() + ":" + a.port()).compareTo(b.host() + ":" + b.port()));
        for (int p = 0; p < sources.countOf(store); p++) {
            TopicPartition tp = new TopicPartition(topic, p);
            HostInfo host = pick(clients, tp, stale);
            if (host == null) {
                throw QueryException.unavailable("partition " + p + " of " + topic + " has no "
                        + (stale ? "instance" : "active instance") + " now");
            }
            plan.computeIfAbsent(host, h -> new ArrayList<>()).add(p);
        }
        return plan;
    }

    private HostInfo pick(Collection<StreamsMetadata> clients, TopicPartition tp, boolean stale) {
        HostInfo active = null;
        HostInfo standby = null;
        for (StreamsMetadata c : clients) {
            boolean isActive = c.topicPartitions().contains(tp);
            boolean isStandby = c.standbyTopicPartitions().contains(tp);
            if (stale && c.hostInfo().equals(self) && (isActive || isStandby)) {
                return self;
            }
            if (isActive && active == null) {
                active = c.hostInfo();
            }
            if (isStandby && standby == null) {
                standby = c.hostInfo();
            }
        }
        return active != null ? active : stale ? standby : null;
    }
}
