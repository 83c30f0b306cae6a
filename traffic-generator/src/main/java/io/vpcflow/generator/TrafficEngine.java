package io.vpcflow.generator;

import io.vpcflow.generator.scenario.Conversation;
import io.vpcflow.generator.scenario.Endpoint;
import io.vpcflow.generator.scenario.Episode;
import io.vpcflow.generator.scenario.Scenario;
import io.vpcflow.model.eval.Evaluator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * The deterministic core: a discrete-event loop over episode arrivals (a Poisson process per scenario) and flow
 * trains, in event-time order (ties broken by scheduling order). No I/O and no clock of its own: the caller decides
 * how fast to call {@link #step()}, which is what makes the simulated and the real-time clock the same traffic.
 */
final class TrafficEngine {
    /** Where the events go, with the attack episode they belong to (or null). */
    interface Output {
        void event(FlowRun flow, EventTemplate template, long timeMillis, long packets, long bytes, int tcpFlags);
    }

    /** A scenario bound to the network, with its rate (episodes per ms) and its own random source. */
    record Bound(int index, Scenario scenario, Scenario.EpisodePlan plan, double perMillisecond,
                 SplittableRandom random) {
    }

    private static final class Step implements Comparable<Step> {
        final long time;
        final long seq;
        final Bound arrival;
        final FlowRun flow;

        Step(long time, long seq, Bound arrival, FlowRun flow) {
            this.time = time;
            this.seq = seq;
            this.arrival = arrival;
            this.flow = flow;
        }

        @Override
        public int compareTo(Step o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final Evaluator evaluator;
    private final int synRetries;
    private final Ledger ledger;
    private final Output output;
    private final GeneratorStats stats;
    private final PriorityQueue<Step> queue = new PriorityQueue<>();
    private long seq;

    TrafficEngine(Evaluator evaluator, int synRetries, List<Bound> scenarios, long startMillis, Ledger ledger,
                  Output output, GeneratorStats stats) {
        this.evaluator = evaluator;
        this.synRetries = synRetries;
        this.ledger = ledger;
        this.output = output;
        this.stats = stats;
        for (Bound b : scenarios) {
            if (b.perMillisecond() > 0) {
                // the first episode within the first minute (or the mean gap, if shorter), so every selected
                // scenario shows up in short runs
                double firstWithin = Math.min(1 / b.perMillisecond(), 60_000);
                schedule(new Step(startMillis + (long) (b.random().nextDouble() * firstWithin), seq++, b, null));
            }
        }
    }

    /** Event time of the next step, or {@link Long#MAX_VALUE} when nothing is left. */
    long nextTime() {
        Step next = queue.peek();
        return next == null ? Long.MAX_VALUE : next.time;
    }

    /** Runs the next step: an episode's arrival (which plans flows) or one train of a flow. */
    void step() {
        Step s = queue.poll();
        if (s == null) {
            return;
        }
        if (s.arrival != null) {
            arrive(s.arrival, s.time);
        } else {
            train(s.flow, s.time);
        }
    }

    private void arrive(Bound b, long time) {
        stats.episode(b.index());
        b.plan().plan(new EpisodeAt(b, time));
        double gap = -Math.log(1 - b.random().nextDouble()) / b.perMillisecond();
        schedule(new Step(time + Math.max(1, (long) gap), seq++, b, null));
    }

    private void train(FlowRun flow, long time) {
        if (flow.schedule == null) {
            boolean logged = flow.prepare(evaluator, synRetries);
            stats.flow(logged);
            if (!logged) {
                return;
            }
        }
        TrainSchedule s = flow.schedule;
        int i = flow.next++;
        emit(flow, flow.forward, time, s.fwdPackets[i], s.fwdBytes[i], s.fwdFlags[i]);
        emit(flow, flow.reply, time, s.repPackets[i], s.repBytes[i], s.repFlags[i]);
        if (flow.hasNext()) {
            schedule(new Step(flow.nextTime(), seq++, null, flow));
        }
    }

    private void emit(FlowRun flow, EventTemplate[] templates, long time, long packets, long bytes, int flags) {
        if (packets == 0) {
            return;
        }
        for (EventTemplate t : templates) {
            output.event(flow, t, time, packets, bytes, flags);
        }
    }

    private void schedule(Step step) {
        queue.add(step);
    }

    /** An episode's planning view. */
    private final class EpisodeAt implements Episode {
        private final Bound bound;
        private final long start;
        private Ledger.AttackEpisode attack;

        EpisodeAt(Bound bound, long start) {
            this.bound = bound;
            this.start = start;
        }

        @Override
        public SplittableRandom random() {
            return bound.random();
        }

        @Override
        public long startMillis() {
            return start;
        }

        @Override
        public void at(long offsetMillis, Conversation conversation) {
            FlowRun run = new FlowRun(conversation, bound.index(), bound.scenario().name(), attack,
                    start + offsetMillis);
            schedule(new Step(run.startMillis, seq++, null, run));
        }

        @Override
        public void attack(List<Endpoint> actors, List<Endpoint> targets) {
            attack = ledger.attack(bound.scenario().name(), actors, targets);
        }
    }
}
