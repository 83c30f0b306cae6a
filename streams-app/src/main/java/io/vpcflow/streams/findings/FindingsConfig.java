package io.vpcflow.streams.findings;

import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Settings of {@link FindingsTopology}: one threshold record per detector, and how findings fold. Every setting is
 * documented once, in docs/findings.md, with its key ({@code findings.<detector>.<setting>}).
 *
 * @param bucket         event-time bucket the detectors count in (aligned to the epoch; 60 s like the flow-log
 *                       window). A flow falls into the bucket of its record's {@code start}.
 * @param updateInterval an open finding is written again at most once per interval of event time; occurrences in
 *                       between only fold into the stored state (count, last seen) and are written with the next
 *                       update or by the stream-time flush
 * @param disabled       detector names that do not run (see {@link Detectors#NAMES})
 */
public record FindingsConfig(Duration bucket, Duration updateInterval, Set<String> disabled, PortScan portScan,
                             PortSweep portSweep, BruteForce bruteForce, PortProbe portProbe,
                             UnusualPort unusualPort, TrafficVolume trafficVolume, DenialOfService denialOfService,
                             RejectSpike rejectSpike, InternalReject internalReject, NatInbound natInbound) {

    public FindingsConfig {
        positive(bucket, "findings.bucket");
        positive(updateInterval, "findings.update-interval");
        disabled = Set.copyOf(disabled);
        for (String name : disabled) {
            if (!Detectors.NAMES.contains(name)) {
                throw new IllegalArgumentException("findings.disabled: unknown detector '" + name + "'; known: "
                        + Detectors.NAMES);
            }
        }
    }

    /** Recon:EC2/Portscan: one sender tries at least {@code minPorts} distinct ports of one receiver in a bucket. */
    public record PortScan(int minPorts) {
    }

    /** Impact:EC2/PortSweep: an interface opens flows to one port on {@code minAddresses} addresses in a bucket. */
    public record PortSweep(int minAddresses) {
    }

    /**
     * SSH/RDP brute force: at least {@code minAttempts} short connections (at most {@code maxPackets} packets
     * each) from one remote address to port 22 or 3389 of an interface in a bucket.
     */
    public record BruteForce(int minAttempts, int maxPackets) {
    }

    /** PortProbeUnprotectedPort: a remote with {@code minRejectedPorts} rejected ports gets an accepted port. */
    public record PortProbe(int minRejectedPorts) {
    }

    /**
     * NetworkPortUnusual: after an interface has been observed for {@code learning}, it opens a flow to a remote port
     * used in fewer than {@code minHistoryBuckets} buckets or in less than {@code minHistoryShare} of the buckets
     * since its first flow; the port stays suspicious (repeats fold into the finding) for {@code quarantine}.
     */
    public record UnusualPort(Duration learning, int minHistoryBuckets, double minHistoryShare,
                              Duration quarantine) {
    }

    /**
     * TrafficVolumeUnusual: bytes from an interface to one remote address in a bucket reach both {@code minBytes}
     * and {@code factor} times the interface's baseline (moving average, weight {@code alpha} per bucket).
     */
    public record TrafficVolume(long minBytes, double factor, double alpha) {
    }

    /**
     * DenialOfService: at least {@code minPackets} packets from an interface to one public address in a bucket,
     * with at most {@code maxReplyRatio} as many packets back.
     */
    public record DenialOfService(long minPackets, double maxReplyRatio) {
    }

    /**
     * Rejected-traffic spike per interface and per security group: rejected flows in a bucket reach both {@code
     * minRejects} and {@code factor} times the baseline (moving average, weight {@code alpha} per bucket).
     */
    public record RejectSpike(int minRejects, double factor, double alpha) {
    }

    /** Internal traffic a security group keeps rejecting: {@code minAttempts} connections in a bucket. */
    public record InternalReject(int minAttempts) {
    }

    /** Unsolicited inbound at a NAT gateway: {@code minAttempts} attempts from one remote address in a bucket. */
    public record NatInbound(int minAttempts) {
    }

    public static FindingsConfig defaults() {
        return new FindingsConfig(Duration.ofSeconds(60), Duration.ofSeconds(60), Set.of(), new PortScan(50),
                new PortSweep(50), new BruteForce(15, 20), new PortProbe(10),
                new UnusualPort(Duration.ofMinutes(5), 3, 0.5, Duration.ofHours(1)),
                new TrafficVolume(100_000_000L, 10.0, 0.1), new DenialOfService(50_000, 0.1),
                new RejectSpike(20, 5.0, 0.1), new InternalReject(3), new NatInbound(3));
    }

    public FindingsConfig withDisabled(Set<String> names) {
        return new FindingsConfig(bucket, updateInterval, names, portScan, portSweep, bruteForce, portProbe,
                unusualPort, trafficVolume, denialOfService, rejectSpike, internalReject, natInbound);
    }

    /** Only {@code name} runs: for a detector's own tests. */
    public FindingsConfig only(String name) {
        return withDisabled(Detectors.NAMES.stream().filter(n -> !n.equals(name))
                .collect(Collectors.toSet()));
    }

    public boolean enabled(String detector) {
        return !disabled.contains(detector);
    }

    public long bucketMs() {
        return bucket.toMillis();
    }

    private static void positive(Duration d, String key) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
        }
    }
}
