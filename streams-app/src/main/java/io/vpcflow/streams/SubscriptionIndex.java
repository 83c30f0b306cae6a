package io.vpcflow.streams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's in-memory view of the subscriptions and interfaces global tables, so the per-event path does at most
 * three map look-ups (the event's interface, subnet and VPC id) instead of scanning every subscription. Rebuilt by
 * {@link FlowLogProcessor} when a global table changed, at most once per index-refresh interval.
 */
final class SubscriptionIndex {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionIndex.class);

    private final Map<String, List<Subscription>> byResource;
    private final Map<Integer, List<Subscription>> byIntervalSeconds;
    private final Map<String, List<NetworkInterfaceMetadata>> capturedOwned;
    private final Map<String, Subscription> byId;
    private final int invalid;

    private SubscriptionIndex(Map<String, List<Subscription>> byResource,
                              Map<Integer, List<Subscription>> byIntervalSeconds,
                              Map<String, List<NetworkInterfaceMetadata>> capturedOwned,
                              Map<String, Subscription> byId, int invalid) {
        this.byResource = byResource;
        this.byIntervalSeconds = byIntervalSeconds;
        this.capturedOwned = capturedOwned;
        this.byId = byId;
        this.invalid = invalid;
    }

    static SubscriptionIndex empty() {
        return new SubscriptionIndex(Map.of(), Map.of(), Map.of(), Map.of(), 0);
    }

    /**
     * Reads both tables. {@code owned} says which interfaces this task writes NODATA records for (those whose
     * packet events land in its partition). A subscription that does not compile is left out, logged and counted.
     */
    static SubscriptionIndex build(ReadOnlyKeyValueStore<String, FlowLogSubscription> subscriptions,
                                   ReadOnlyKeyValueStore<String, NetworkInterfaceMetadata> interfaces,
                                   Predicate<String> owned) {
        Map<String, List<Subscription>> byResource = new HashMap<>();
        Map<Integer, List<Subscription>> byInterval = new TreeMap<>();
        Map<String, Subscription> byId = new HashMap<>();
        int invalid = 0;
        try (KeyValueIterator<String, FlowLogSubscription> it = subscriptions.all()) {
            while (it.hasNext()) {
                KeyValue<String, FlowLogSubscription> entry = it.next();
                if (entry.value == null) {
                    continue;
                }
                try {
                    Subscription s = Subscription.compile(entry.value);
                    byResource.computeIfAbsent(s.resourceId(), k -> new ArrayList<>()).add(s);
                    byInterval.computeIfAbsent(s.intervalSeconds(), k -> new ArrayList<>()).add(s);
                    byId.put(s.id(), s);
                } catch (IllegalArgumentException e) {
                    invalid++;
                    LOG.warn("subscription {} ignored: {}", entry.key, e.getMessage());
                }
            }
        }
        Map<String, List<NetworkInterfaceMetadata>> captured = new HashMap<>();
        try (KeyValueIterator<String, NetworkInterfaceMetadata> it = interfaces.all()) {
            while (it.hasNext()) {
                NetworkInterfaceMetadata eni = it.next().value;
                if (eni == null || !owned.test(eni.getInterfaceId())) {
                    continue;
                }
                for (String resource : List.of(eni.getInterfaceId(), eni.getSubnetId(), eni.getVpcId())) {
                    for (Subscription s : byResource.getOrDefault(resource, List.of())) {
                        captured.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(eni);
                    }
                }
            }
        }
        return new SubscriptionIndex(byResource, byInterval, captured, byId, invalid);
    }

    /** Subscriptions attached to exactly this VPC, subnet or interface id. */
    List<Subscription> attachedTo(String resourceId) {
        return resourceId == null ? List.of() : byResource.getOrDefault(resourceId, List.of());
    }

    /** The aggregation intervals (seconds) in use, ascending. */
    Iterable<Integer> intervalsSeconds() {
        return byIntervalSeconds.keySet();
    }

    List<Subscription> withIntervalSeconds(int seconds) {
        return byIntervalSeconds.getOrDefault(seconds, List.of());
    }

    /** The interfaces of this task's partition that {@code subscription} captures (for NODATA records). */
    List<NetworkInterfaceMetadata> capturedInterfaces(Subscription subscription) {
        return Collections.unmodifiableList(capturedOwned.getOrDefault(subscription.id(), List.of()));
    }

    Iterable<Subscription> all() {
        return byId.values();
    }

    Subscription byId(String id) {
        return byId.get(id);
    }

    int size() {
        return byId.size();
    }

    int invalid() {
        return invalid;
    }
}
