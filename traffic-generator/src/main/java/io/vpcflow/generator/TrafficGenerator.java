package io.vpcflow.generator;

import io.vpcflow.generator.scenario.MissingEntity;
import io.vpcflow.generator.scenario.Scenario;
import io.vpcflow.generator.scenario.ScenarioCatalogue;
import io.vpcflow.generator.scenario.ScenarioContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vpcflow.model.eval.Evaluator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generates the traffic of the selected scenarios on a network: each flow goes through the evaluator once and
 * becomes one event per train per observing interface, sent to a sink and counted in the ledger. Inert until
 * {@link #start()}, which binds the scenarios (skipping, with a message, those whose entities are missing) and runs
 * the generation on its own thread; {@link #await()} waits for the end, {@link #close()} stops early.
 *
 * <p>Simulated clock: events from {@code config.start()} for {@code config.duration()}, as fast as possible.
 * Real-time clock: event time is wall-clock time; the scenario rates are scaled so that the traffic runs at about
 * {@code config.eventsPerSecond()} (measured on one simulated minute of the same seed), and each train is released
 * when the wall clock reaches its time.
 */
public final class TrafficGenerator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TrafficGenerator.class);
    private static final long CALIBRATION_MILLIS = 60_000;

    private final GeneratorConfig config;
    private final Evaluator evaluator;
    private final EventSink sink;
    private final Ledger ledger;
    private final GeneratorStats stats;
    private final List<String> skipped = new ArrayList<>();
    private Thread thread;
    private volatile boolean stopping;
    private volatile Throwable failure;
    private volatile long startedAtMillis;
    private volatile long endMillis;
    private volatile long generationNanos;
    private PacketEventEncoder encoder;
    private boolean encoderChecked;

    /** A generator whose meters go to a registry of its own (read them through {@link #stats()}). */
    public TrafficGenerator(GeneratorConfig config, Evaluator evaluator, EventSink sink, Ledger ledger) {
        this(config, evaluator, sink, ledger, new SimpleMeterRegistry());
    }

    /** A generator whose counters are also meters in the registry ({@link GeneratorStats#bindTo}). */
    public TrafficGenerator(GeneratorConfig config, Evaluator evaluator, EventSink sink, Ledger ledger,
                            MeterRegistry registry) {
        this.config = config;
        this.evaluator = evaluator;
        this.sink = sink;
        this.ledger = ledger;
        this.stats = new GeneratorStats(ScenarioCatalogue.all().stream().map(Scenario::name).toList());
        stats.bindTo(registry);
    }

    public GeneratorStats stats() {
        return stats;
    }

    /**
     * Messages of the scenarios that were selected but could not run on this network; a scenario of a feature the
     * network does not use (VPC Block Public Access off) is left out unless it was asked for by name.
     */
    public synchronized List<String> skipped() {
        return List.copyOf(skipped);
    }

    /** Event time at which generation ends (epoch ms); valid after {@link #start()}. */
    public long endMillis() {
        return endMillis;
    }

    public long startMillis() {
        return startedAtMillis;
    }

    /** Binds the scenarios, starts the sink, and starts generating on a new thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("traffic generator already started");
        }
        List<TrafficEngine.Bound> bound = bind(1.0);
        if (bound.isEmpty()) {
            throw new IllegalArgumentException("no scenario can run on this network: " + String.join("; ", skipped));
        }
        boolean realTime = config.clock() == GeneratorConfig.Clock.REAL_TIME;
        double scale = realTime ? calibrate() : 1.0;
        List<TrafficEngine.Bound> scaled = realTime ? bind(scale) : bound;
        long start = realTime ? System.currentTimeMillis() : config.start().toEpochMilli();
        startedAtMillis = start;
        endMillis = start + config.duration().toMillis();
        sink.start();
        TrafficEngine engine = new TrafficEngine(evaluator, config.synRetries(), scaled, start, ledger, this::emit,
                stats);
        thread = new Thread(() -> run(engine, realTime), "traffic-generator");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the generation ends; rethrows its failure. */
    public void await() throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join();
        }
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f != null) {
            throw new IllegalStateException("traffic generation failed: " + f.getMessage(), f);
        }
    }

    /** Waits at most {@code timeout}; true when generation has ended. */
    public boolean await(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(Math.max(1, timeout.toMillis()));
            return !t.isAlive();
        }
        return true;
    }

    /** Stops generating (if still running), flushes the sink and closes it and the ledger. */
    @Override
    public void close() {
        stopping = true;
        try {
            Thread t;
            synchronized (this) {
                t = thread;
            }
            if (t != null) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                sink.close();
            } finally {
                ledger.close();
            }
        }
    }

    /** Wall-clock time from the first step to the last event acknowledged (sink flushed); 0 until then. */
    public long generationNanos() {
        return generationNanos;
    }

    private void run(TrafficEngine engine, boolean realTime) {
        long t0 = System.nanoTime();
        try {
            long end = endMillis;
            while (!stopping) {
                long next = engine.nextTime();
                if (next >= end) {
                    break;
                }
                if (realTime) {
                    waitUntil(next);
                }
                stats.clock(next);
                engine.step();
            }
            sink.flush();
            generationNanos = System.nanoTime() - t0;
        } catch (Throwable t) {
            failure = t;
            LOG.error("traffic generation failed", t);
        }
    }

    private void waitUntil(long eventTime) throws InterruptedException {
        long wait = eventTime - System.currentTimeMillis();
        while (wait > 0 && !stopping) {
            Thread.sleep(Math.min(wait, 100));
            wait = eventTime - System.currentTimeMillis();
        }
    }

    private void emit(FlowRun flow, EventTemplate t, long time, long packets, long bytes, int flags) {
        if (encoder == null && sink.acceptsEncoded() && !encoderChecked) {
            encoderChecked = true;
            encoder = PacketEventEncoder.forSerializer(sink.serializer(), "packet-events", t);
            if (encoder == null) {
                LOG.warn("PacketEvent schema differs from the generator's fast encoder; using the serializer");
            }
        }
        if (encoder != null) {
            if (t.encoded == null) {
                t.encoded = encoder.prepare(t);
            }
            sink.sendEncoded(t.encoded.key(), encoder.encode(t.encoded, time, packets, bytes, flags), time);
        } else {
            sink.send(t.event(time, packets, bytes, flags));
        }
        ledger.record(t, time, packets, bytes, flow.attack);
        stats.event(flow.scenario, t.rejected(), packets, bytes);
    }

    /** Scenarios with a positive weight, bound to the network; the rest of the selection goes to {@link #skipped}. */
    private synchronized List<TrafficEngine.Bound> bind(double scale) {
        skipped.clear();
        ScenarioContext context = new ScenarioContext(evaluator);
        List<TrafficEngine.Bound> bound = new ArrayList<>();
        List<Scenario> all = ScenarioCatalogue.all();
        for (int i = 0; i < all.size(); i++) {
            Scenario s = all.get(i);
            double weight = config.weightOf(s.name());
            if (weight <= 0) {
                continue;
            }
            try {
                Scenario.EpisodePlan plan = s.bind(context);
                double perMs = s.episodesPerMinute() * weight * config.intensity() * scale / 60_000.0;
                long seed = config.seed() ^ (s.name().hashCode() * 0x9E3779B97F4A7C15L);
                bound.add(new TrafficEngine.Bound(i, s, plan, perMs, new SplittableRandom(seed)));
            } catch (MissingEntity e) {
                String message = "scenario " + s.name() + " skipped: " + e.getMessage();
                if (e.featureUnused() && !config.names(s.name())) {
                    LOG.debug(message); // selected only as one of all scenarios, on a network without the feature
                    continue;
                }
                skipped.add(message);
                LOG.warn(message);
            }
        }
        return bound;
    }

    /** Events per simulated second of this selection at scale 1, measured on one minute of the same seed. */
    private double calibrate() {
        GeneratorStats probe = new GeneratorStats(ScenarioCatalogue.all().stream().map(Scenario::name).toList());
        long[] count = new long[1];
        Ledger scratch = new Ledger(List.of());
        TrafficEngine engine = new TrafficEngine(evaluator, config.synRetries(), bind(1.0), 0, scratch,
                (flow, t, time, packets, bytes, flags) -> count[0]++, probe);
        while (engine.nextTime() < CALIBRATION_MILLIS) {
            engine.step();
        }
        double perSecond = Math.max(1.0, count[0] / (CALIBRATION_MILLIS / 1000.0));
        double scale = config.eventsPerSecond() / perSecond;
        LOG.info("real-time clock: {} events/s at scale 1, scaling scenario rates by {}", perSecond, scale);
        return scale;
    }
}
