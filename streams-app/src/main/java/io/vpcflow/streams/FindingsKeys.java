package io.vpcflow.streams;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.DoublePredicate;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.vpcflow.streams.findings.Detectors;
import io.vpcflow.streams.findings.FindingsConfig;
import io.vpcflow.streams.findings.FindingsConfig.BruteForce;
import io.vpcflow.streams.findings.FindingsConfig.DenialOfService;
import io.vpcflow.streams.findings.FindingsConfig.InternalReject;
import io.vpcflow.streams.findings.FindingsConfig.NatInbound;
import io.vpcflow.streams.findings.FindingsConfig.PortProbe;
import io.vpcflow.streams.findings.FindingsConfig.PortScan;
import io.vpcflow.streams.findings.FindingsConfig.PortSweep;
import io.vpcflow.streams.findings.FindingsConfig.RejectSpike;
import io.vpcflow.streams.findings.FindingsConfig.TrafficVolume;
import io.vpcflow.streams.findings.FindingsConfig.UnusualPort;

/**
 * The {@code findings.*} keys of {@link StreamsAppConfigLoader}: one row per setting of {@link FindingsConfig}, each
 * with its parser (which also checks the range), its getter and its setter. The settings are documented once, in
 * docs/findings.md; the key names here are the ones that page lists.
 */
final class FindingsKeys {
    static final String PREFIX = "findings.";

    /** Reads one key's value, or returns the fallback when the key is not set; failures name key and source. */
    interface Values {
        <T> T get(String key, Function<String, T> parse, T fallback);
    }

    private static final List<Key<?>> TABLE = List.of(
            durationKey("bucket", FindingsConfig::bucket, (d, v) -> d.bucket = v),
            durationKey("update-interval", FindingsConfig::updateInterval, (d, v) -> d.updateInterval = v),
            new Key<>(PREFIX + "disabled", FindingsKeys::detectorNames, FindingsConfig::disabled,
                    (d, v) -> d.disabled = v, FindingsKeys::showNames),
            key("port-scan.min-ports", FindingsKeys::atLeastOne, c -> c.portScan().minPorts(),
                    (d, v) -> d.portScan = new PortScan(v)),
            key("port-sweep.min-addresses", FindingsKeys::atLeastOne, c -> c.portSweep().minAddresses(),
                    (d, v) -> d.portSweep = new PortSweep(v)),
            key("brute-force.min-attempts", FindingsKeys::atLeastOne, c -> c.bruteForce().minAttempts(),
                    (d, v) -> d.bruteForce = new BruteForce(v, d.bruteForce.maxPackets())),
            key("brute-force.max-packets", FindingsKeys::atLeastOne, c -> c.bruteForce().maxPackets(),
                    (d, v) -> d.bruteForce = new BruteForce(d.bruteForce.minAttempts(), v)),
            key("port-probe.min-rejected-ports", FindingsKeys::atLeastOne, c -> c.portProbe().minRejectedPorts(),
                    (d, v) -> d.portProbe = new PortProbe(v)),
            durationKey("unusual-port.learning", c -> c.unusualPort().learning(),
                    (d, v) -> d.unusualPort = new UnusualPort(v, d.unusualPort.minHistoryBuckets(),
                            d.unusualPort.minHistoryShare(), d.unusualPort.quarantine())),
            key("unusual-port.min-history-buckets", FindingsKeys::atLeastOne,
                    c -> c.unusualPort().minHistoryBuckets(),
                    (d, v) -> d.unusualPort = new UnusualPort(d.unusualPort.learning(), v,
                            d.unusualPort.minHistoryShare(), d.unusualPort.quarantine())),
            key("unusual-port.min-history-share", FindingsKeys::share, c -> c.unusualPort().minHistoryShare(),
                    (d, v) -> d.unusualPort = new UnusualPort(d.unusualPort.learning(),
                            d.unusualPort.minHistoryBuckets(), v, d.unusualPort.quarantine())),
            durationKey("unusual-port.quarantine", c -> c.unusualPort().quarantine(),
                    (d, v) -> d.unusualPort = new UnusualPort(d.unusualPort.learning(),
                            d.unusualPort.minHistoryBuckets(), d.unusualPort.minHistoryShare(), v)),
            key("traffic-volume.min-bytes", FindingsKeys::atLeastOneLong, c -> c.trafficVolume().minBytes(),
                    (d, v) -> d.trafficVolume = new TrafficVolume(v, d.trafficVolume.factor(),
                            d.trafficVolume.alpha())),
            key("traffic-volume.factor", FindingsKeys::positive, c -> c.trafficVolume().factor(),
                    (d, v) -> d.trafficVolume = new TrafficVolume(d.trafficVolume.minBytes(), v,
                            d.trafficVolume.alpha())),
            key("traffic-volume.alpha", FindingsKeys::weight, c -> c.trafficVolume().alpha(),
                    (d, v) -> d.trafficVolume = new TrafficVolume(d.trafficVolume.minBytes(),
                            d.trafficVolume.factor(), v)),
            key("dos.min-packets", FindingsKeys::atLeastOneLong, c -> c.denialOfService().minPackets(),
                    (d, v) -> d.denialOfService = new DenialOfService(v, d.denialOfService.maxReplyRatio())),
            key("dos.max-reply-ratio", FindingsKeys::notNegative, c -> c.denialOfService().maxReplyRatio(),
                    (d, v) -> d.denialOfService = new DenialOfService(d.denialOfService.minPackets(), v)),
            key("reject-spike.min-rejects", FindingsKeys::atLeastOne, c -> c.rejectSpike().minRejects(),
                    (d, v) -> d.rejectSpike = new RejectSpike(v, d.rejectSpike.factor(), d.rejectSpike.alpha())),
            key("reject-spike.factor", FindingsKeys::positive, c -> c.rejectSpike().factor(),
                    (d, v) -> d.rejectSpike = new RejectSpike(d.rejectSpike.minRejects(), v, d.rejectSpike.alpha())),
            key("reject-spike.alpha", FindingsKeys::weight, c -> c.rejectSpike().alpha(),
                    (d, v) -> d.rejectSpike = new RejectSpike(d.rejectSpike.minRejects(), d.rejectSpike.factor(), v)),
            key("internal-reject.min-attempts", FindingsKeys::atLeastOne, c -> c.internalReject().minAttempts(),
                    (d, v) -> d.internalReject = new InternalReject(v)),
            key("nat-inbound.min-attempts", FindingsKeys::atLeastOne, c -> c.natInbound().minAttempts(),
                    (d, v) -> d.natInbound = new NatInbound(v)));

    /** Every {@code findings.*} key, in the order of docs/findings.md. */
    static final List<String> KEYS = TABLE.stream().map(Key::name).toList();

    private FindingsKeys() {
    }

    /** A key's environment variable: {@code findings.dos.min-packets} is {@code ..._FINDINGS_DOS_MIN_PACKETS}. */
    static String environmentName(String key) {
        return StreamsAppConfigLoader.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('-', '_')
                .replace('.', '_');
    }

    /** {@code base} with every key that {@code values} sets. */
    static FindingsConfig read(FindingsConfig base, Values values) {
        Draft draft = new Draft(base);
        TABLE.forEach(k -> k.apply(base, draft, values));
        return draft.build();
    }

    /** Each key with its value as the loader prints it. */
    static Map<String, String> describe(FindingsConfig config) {
        Map<String, String> out = new LinkedHashMap<>();
        TABLE.forEach(k -> out.put(k.name(), k.show(config)));
        return out;
    }

    private static <T> Key<T> key(String name, Function<String, T> parse, Function<FindingsConfig, T> get,
                                  BiConsumer<Draft, T> set) {
        return new Key<>(PREFIX + name, parse, get, set, String::valueOf);
    }

    private static Key<Duration> durationKey(String name, Function<FindingsConfig, Duration> get,
                                             BiConsumer<Draft, Duration> set) {
        return new Key<>(PREFIX + name, FindingsKeys::positiveDuration, get, set, StreamsAppConfigLoader::duration);
    }

    private record Key<T>(String name, Function<String, T> parse, Function<FindingsConfig, T> get,
                          BiConsumer<Draft, T> set, Function<T, String> format) {
        void apply(FindingsConfig base, Draft draft, Values values) {
            set.accept(draft, values.get(name, parse, get.apply(base)));
        }

        String show(FindingsConfig config) {
            return format.apply(get.apply(config));
        }
    }

    /** The config being assembled: the records are immutable, so each key replaces its detector's record. */
    private static final class Draft {
        private Duration bucket;
        private Duration updateInterval;
        private Set<String> disabled;
        private PortScan portScan;
        private PortSweep portSweep;
        private BruteForce bruteForce;
        private PortProbe portProbe;
        private UnusualPort unusualPort;
        private TrafficVolume trafficVolume;
        private DenialOfService denialOfService;
        private RejectSpike rejectSpike;
        private InternalReject internalReject;
        private NatInbound natInbound;

        Draft(FindingsConfig c) {
            bucket = c.bucket();
            updateInterval = c.updateInterval();
            disabled = c.disabled();
            portScan = c.portScan();
            portSweep = c.portSweep();
            bruteForce = c.bruteForce();
            portProbe = c.portProbe();
            unusualPort = c.unusualPort();
            trafficVolume = c.trafficVolume();
            denialOfService = c.denialOfService();
            rejectSpike = c.rejectSpike();
            internalReject = c.internalReject();
            natInbound = c.natInbound();
        }

        FindingsConfig build() {
            return new FindingsConfig(bucket, updateInterval, disabled, portScan, portSweep, bruteForce, portProbe,
                    unusualPort, trafficVolume, denialOfService, rejectSpike, internalReject, natInbound);
        }
    }

    private static Duration positiveDuration(String text) {
        Duration d = StreamsAppConfigLoader.parseDuration(text);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException("must be a positive duration");
        }
        return d;
    }

    private static Integer atLeastOne(String text) {
        long n = atLeastOneLong(text);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("must be a whole number from 1 to " + Integer.MAX_VALUE);
        }
        return (int) n;
    }

    private static Long atLeastOneLong(String text) {
        try {
            long n = Long.parseLong(text);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, like a number out of range
        }
        throw new IllegalArgumentException("must be a whole number, at least 1");
    }

    private static Double positive(String text) {
        return decimal(text, x -> x > 0 && x < Double.POSITIVE_INFINITY, "a number above 0");
    }

    private static Double notNegative(String text) {
        return decimal(text, x -> x >= 0 && x < Double.POSITIVE_INFINITY, "a number, at least 0");
    }

    private static Double share(String text) {
        return decimal(text, x -> x >= 0 && x <= 1, "a share from 0 to 1");
    }

    private static Double weight(String text) {
        return decimal(text, x -> x > 0 && x <= 1, "a weight above 0, at most 1");
    }

    /** NaN (text that is no number, or "NaN") fails every range. */
    private static Double decimal(String text, DoublePredicate allowed, String what) {
        double x;
        try {
            x = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            x = Double.NaN;
        }
        if (!allowed.test(x)) {
            throw new IllegalArgumentException("must be " + what);
        }
        return x;
    }

    /** Comma-separated detector names; {@code -} or empty for none. */
    private static Set<String> detectorNames(String text) {
        if (text.isEmpty() || text.equals("-")) {
            return Set.of();
        }
        Set<String> names = Arrays.stream(text.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                .collect(Collectors.toSet());
        for (String name : names) {
            if (!Detectors.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown detector '" + name + "'; known: "
                        + String.join(", ", Detectors.NAMES));
            }
        }
        return names;
    }

    private static String showNames(Set<String> names) {
        return names.isEmpty() ? "-" : String.join(",", new TreeSet<>(names));
    }
}
