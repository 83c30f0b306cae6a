package io.vpcflow.generator;

import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.FlowDirection;
import io.vpcflow.model.eval.Observation;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.PacketEvent;

/**
 * One interface's record of one direction of a flow, evaluated once: everything of a {@link PacketEvent} except
 * time, packets, bytes and TCP flags, which are the only things that change between the packet trains of a flow
 * (verdicts do not depend on them).
 */
final class EventTemplate {
    final Observation obs;
    private final Evaluation decidedBy;
    final io.vpcflow.schemas.avro.FlowDirection direction;
    final Action action;
    final String code;
    final String blockedAt;
    final String rule;
    final String pktSrc;
    final String pktDst;
    final String scenario;
    /** Set on first use by the fast path. */
    PacketEventEncoder.Encoded encoded;
    /** The ledger's totals of this template's key in window {@link #ledgerWindow}: saves a map lookup per event. */
    long ledgerWindow = Long.MIN_VALUE;
    Ledger.Totals ledgerTotals;

    EventTemplate(Observation obs, Evaluation decidedBy, String scenario) {
        this.obs = obs;
        this.decidedBy = decidedBy;
        this.direction = obs.flowDirection() == FlowDirection.INGRESS
                ? io.vpcflow.schemas.avro.FlowDirection.INGRESS : io.vpcflow.schemas.avro.FlowDirection.EGRESS;
        boolean rejected = !obs.accepted();
        this.action = rejected ? Action.REJECT : Action.ACCEPT;
        this.code = rejected && decidedBy.code() != null ? decidedBy.code().name() : null;
        this.blockedAt = rejected ? decidedBy.blockedAt() : null;
        this.rule = rejected ? decidedBy.rule() : null;
        // the schema keeps pkt-srcaddr/pkt-dstaddr only where they differ from srcaddr/dstaddr
        this.pktSrc = obs.pktSrcAddr().equals(obs.srcAddr()) ? null : obs.pktSrcAddr();
        this.pktDst = obs.pktDstAddr().equals(obs.dstAddr()) ? null : obs.pktDstAddr();
        this.scenario = scenario;
    }

    boolean rejected() {
        return action == Action.REJECT;
    }

    String interfaceId() {
        return obs.interfaceId();
    }

    PacketEvent event(long timeMillis, long packets, long bytes, int tcpFlags) {
        return PacketEvents.of(obs, decidedBy, timeMillis, packets, bytes, tcpFlags, scenario);
    }
}
