package io.vpcflow.streams.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.streams.RuleText;
import io.vpcflow.schemas.avro.LogStatus;

/**
 * The flow-log topology's Micrometer meters with the names dashboards use (Prometheus form; docs/metrics.md lists
 * them all): packet events in by action and explanation code, flow-log records out by subscription and log status,
 * publication delay, and traffic and rejects of the published records. Thread-safe; meters are looked up once per
 * distinct label set and cached. Label values pass a {@link LabelGuard}.
 */
public final class FlowLogMeters {
    /** Histogram buckets of the publication delay: the demo publishes ~15 s after window end, AWS up to ~10 min. */
    static final Duration[] DELAY_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
        Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(20), Duration.ofSeconds(30),
        Duration.ofSeconds(45), Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5),
        Duration.ofMinutes(10), Duration.ofMinutes(15)};

    private final MeterRegistry registry;
    private final LabelGuard guard;
    private final Timer publicationDelay;
    private final Map<Action, Map<String, Counter>> events = new EnumMap<>(Action.class);
    private final Map<RecordKey, Counter> records = new ConcurrentHashMap<>();
    private final Map<TrafficKey, Counter[]> traffic = new ConcurrentHashMap<>();
    private final Map<RejectKey, Counter> rejects = new ConcurrentHashMap<>();
    private final Map<String, Long> intervals = new ConcurrentHashMap<>();
    private final ThreadLocal<Last> last = ThreadLocal.withInitial(Last::new);

    public FlowLogMeters(MeterRegistry registry, LabelGuard guard) {
        this.registry = registry;
        this.guard = guard;
        for (Action action : Action.values()) {
            events.put(action, new ConcurrentHashMap<>());
        }
        this.publicationDelay = Timer.builder("vpcflow.streams.publication.delay")
                .description("wall-clock publish time of a flow-log record minus the end of its window")
                .serviceLevelObjectives(DELAY_BUCKETS)
                .minimumExpectedValue(DELAY_BUCKETS[0])
                .maximumExpectedValue(DELAY_BUCKETS[DELAY_BUCKETS.length - 1])
                .register(registry);
    }

    /**
     * One packet event read, with its verdict and explanation code (null for none); a tombstone is not an event and
     * is not counted here.
     */
    public void event(Action action, String explanationCode) {
        String code = action == Action.ACCEPT || explanationCode == null ? LabelGuard.NONE : explanationCode;
        Map<String, Counter> byCode = events.get(action);
        Counter c = byCode.get(code);
        if (c == null) {
            String label = guard.value("explanation_code", code);
            c = Counter.builder("vpcflow.streams.events")
                    .description("packet events read by the flow-log topology")
                    .tag("action", action.name()).tag("explanation_code", label)
                    .register(registry);
            if (!label.equals(LabelGuard.OTHER)) {
                byCode.put(code, c);
            }
        }
        c.increment();
    }

    /** A subscription's aggregation interval, which places a record's window end for the publication delay. */
    public void subscriptionInterval(String subscriptionId, long intervalMs) {
        intervals.put(subscriptionId, intervalMs);
    }

    /** One flow-log record published to the flow-logs topic. */
    public void published(FlowLogRecord r) {
        Last last = this.last.get();
        Counter recordCounter = last.recordCounter;
        if (recordCounter == null || last.subscription != r.getSubscriptionId() || last.status != r.getLogStatus()) {
            String subscription = guard.value("subscription", r.getSubscriptionId());
            recordCounter = records.computeIfAbsent(new RecordKey(subscription, r.getLogStatus()), k -> Counter
                    .builder("vpcflow.streams.records")
                    .description("flow-log records published, by flow log (subscription) and log status")
                    .tag("subscription", k.subscription()).tag("log_status", k.status().name())
                    .register(registry));
            boolean stable = !subscription.equals(LabelGuard.OTHER);
            last.recordCounter = stable ? recordCounter : null;
            last.subscription = r.getSubscriptionId();
            last.status = r.getLogStatus();
        }
        recordCounter.increment();
        Long interval = intervals.get(r.getSubscriptionId());
        if (interval != null) {
            // windows are aligned to the interval and a record's start lies in its window
            long windowEnd = Math.floorDiv(r.getStart().toEpochMilli(), interval) * interval + interval;
            long delay = registry.config().clock().wallTime() - windowEnd;
            publicationDelay.record(Math.max(0, delay), TimeUnit.MILLISECONDS);
        }
        if (r.getLogStatus() == LogStatus.OK && r.getAction() != null) {
            countTraffic(r, last);
        }
    }

    private void countTraffic(FlowLogRecord r, Last last) {
        Counter[] bytesAndPackets = last.traffic;
        if (bytesAndPackets == null || last.account != r.getAccountId() || last.vpc != r.getVpcId()
                || last.interfaceId != r.getInterfaceId() || last.action != r.getAction()) {
            TrafficKey key = new TrafficKey(guard.value("account", r.getAccountId()),
                    guard.value("vpc", r.getVpcId()), guard.value("interface", r.getInterfaceId()), r.getAction());
            bytesAndPackets = traffic.computeIfAbsent(key, k -> new Counter[] {
                trafficCounter("vpcflow.traffic.bytes", "bytes of published flow-log records", k),
                trafficCounter("vpcflow.traffic.packets", "packets of published flow-log records", k)});
            boolean stable = !key.account().equals(LabelGuard.OTHER) && !key.vpc().equals(LabelGuard.OTHER)
                    && !key.interfaceId().equals(LabelGuard.OTHER);
            last.traffic = stable ? bytesAndPackets : null;
            last.account = r.getAccountId();
            last.vpc = r.getVpcId();
            last.interfaceId = r.getInterfaceId();
            last.action = r.getAction();
        }
        bytesAndPackets[0].increment(r.getBytes() == null ? 0 : r.getBytes());
        bytesAndPackets[1].increment(r.getPackets() == null ? 0 : r.getPackets());
        if (r.getAction() == Action.REJECT) {
            RejectKey reject = new RejectKey(guard.value("account", r.getAccountId()),
                    guard.value("vpc", r.getVpcId()), guard.value("component", r.getBlockingComponent()),
                    guard.value("rule", RuleText.withoutPacket(r.getRule())),
                    guard.value("explanation_code", r.getExplanationCode()));
            rejects.computeIfAbsent(reject, k -> Counter.builder("vpcflow.rejects")
                    .description("published REJECT flow-log records, by what blocked them")
                    .tag("account", k.account()).tag("vpc", k.vpc()).tag("component", k.component())
                    .tag("rule", k.rule()).tag("explanation_code", k.explanationCode())
                    .register(registry)).increment();
        }
    }

    private Counter trafficCounter(String name, String description, TrafficKey k) {
        return Counter.builder(name).description(description)
                .tag("account", k.account()).tag("vpc", k.vpc()).tag("interface", k.interfaceId())
                .tag("action", k.action().name())
                .register(registry);
    }

    /**
     * Per thread, the labels of the last published record and their meters. A window's records go out in key order
     * (subscription, interface, action ...) and the stored strings are decoded once per run of equal values
     * ({@code FlowValueFormat.StringReuse}), so the same {@code String} objects come again and again: an identity
     * check then spares the label guard and the map look-ups. A miss only takes the look-up path. Only answers that
     * cannot change are remembered: the meter of a label set never changes once registered, and a value the guard
     * kept (or {@value LabelGuard#NONE}) stays kept; a value folded into {@value LabelGuard#OTHER} is not remembered,
     * since a racing thread may still have kept it ({@link LabelGuard#value}).
     */
    private static final class Last {
        private String subscription;
        private LogStatus status;
        private Counter recordCounter;
        private String account;
        private String vpc;
        private String interfaceId;
        private Action action;
        private Counter[] traffic;
    }

    private record RecordKey(String subscription, LogStatus status) {
    }

    private record TrafficKey(String account, String vpc, String interfaceId, Action action) {
    }

    private record RejectKey(String account, String vpc, String component, String rule, String explanationCode) {
    }
}
