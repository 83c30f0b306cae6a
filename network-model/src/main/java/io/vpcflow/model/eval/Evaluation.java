package io.vpcflow.model.eval;

import java.util.List;

/**
 * The evaluator's answer for one packet: the hop path (component ids), the verdict, and for a packet that was not
 * accepted the blocking component, the exact rule (or the missing one) and the explanation code. {@code logged} is
 * false for traffic AWS never logs (Amazon DNS, instance metadata ...). {@code reply} is the evaluation of the reply
 * packet for an accepted new flow, else null.
 */
public record Evaluation(Packet packet, Verdict verdict, ExplanationCode code, String blockedAt, String rule,
                         String explanation, List<String> hops, List<Observation> observations, boolean logged,
                         Evaluation reply) {
    public Evaluation {
        hops = List.copyOf(hops);
        observations = List.copyOf(observations);
    }

    public boolean accepted() {
        return verdict == Verdict.ACCEPTED;
    }

    Evaluation withReply(Evaluation replyEvaluation) {
        return new Evaluation(packet, verdict, code, blockedAt, rule, explanation, hops, observations, logged,
                replyEvaluation);
    }
}
