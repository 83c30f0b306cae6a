package io.vpcflow.generator;

import io.vpcflow.generator.TrainSchedule.Outcome;
import io.vpcflow.generator.scenario.Conversation;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.Evaluator;
import io.vpcflow.model.eval.Observation;
import io.vpcflow.model.eval.Packet;
import io.vpcflow.model.net.Protocol;
import java.util.List;

/**
 * One flow on its way: evaluated once when it starts (forward packet and reply), then emitted train by train from
 * the per-interface templates of those two evaluations.
 */
final class FlowRun {
    private static final EventTemplate[] NONE = new EventTemplate[0];

    final Conversation conversation;
    final int scenario;
    final String scenarioName;
    final Ledger.AttackEpisode attack;
    final long startMillis;
    EventTemplate[] forward = NONE;
    EventTemplate[] reply = NONE;
    TrainSchedule schedule;
    int next;

    FlowRun(Conversation conversation, int scenario, String scenarioName, Ledger.AttackEpisode attack,
            long startMillis) {
        this.conversation = conversation;
        this.scenario = scenario;
        this.scenarioName = scenarioName;
        this.attack = attack;
        this.startMillis = startMillis;
    }

    /** Evaluates the flow; false when AWS logs none of it (nothing to emit). */
    boolean prepare(Evaluator evaluator, int synRetries) {
        Evaluation fwd = evaluator.evaluate(conversation.client().source(), firstPacket());
        if (!fwd.logged() || fwd.observations().isEmpty()) {
            return false;
        }
        forward = templates(fwd.observations(), fwd);
        Outcome outcome;
        if (!fwd.accepted()) {
            outcome = Outcome.FORWARD_BLOCKED;
        } else {
            Evaluation back = fwd.reply();
            boolean replyLogged = back != null && back.logged();
            reply = replyLogged ? templates(back.observations(), back) : NONE;
            outcome = back == null || back.accepted() ? Outcome.ACCEPTED : Outcome.REPLY_BLOCKED;
        }
        schedule = TrainSchedule.of(conversation.shape(), outcome, synRetries);
        return schedule.size > 0;
    }

    boolean hasNext() {
        return next < schedule.size;
    }

    long nextTime() {
        return startMillis + schedule.offsets[next];
    }

    private EventTemplate[] templates(List<Observation> observations, Evaluation decidedBy) {
        EventTemplate[] out = new EventTemplate[observations.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new EventTemplate(observations.get(i), decidedBy, scenarioName);
        }
        return out;
    }

    private Packet firstPacket() {
        Conversation c = conversation;
        int p = c.protocol();
        boolean icmp = p == Protocol.ICMP;
        return new Packet(c.client().ip(), c.server().ip(), p, c.srcPort(), c.dstPort(),
                p == Protocol.TCP ? Packet.SYN : 0, icmp ? 8 : -1, icmp ? 0 : -1);
    }
}
