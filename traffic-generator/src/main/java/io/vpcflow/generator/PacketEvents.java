package io.vpcflow.generator;

import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.FlowDirection;
import io.vpcflow.model.eval.Observation;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.PacketEvent;
import java.time.Instant;

/** Turns what one interface records of a packet ({@link Observation}) into the event the pipeline consumes. */
public final class PacketEvents {
    private PacketEvents() {
    }

    /**
     * The event of {@code packets} packets and {@code bytes} bytes seen at {@code obs}'s interface at
     * {@code timeMillis}; a REJECT carries the explanation of {@code decidedBy}, the evaluation that rejected it.
     */
    public static PacketEvent of(Observation obs, Evaluation decidedBy, long timeMillis, long packets, long bytes,
                                 int tcpFlags, String scenario) {
        boolean rejected = !obs.accepted();
        return new PacketEvent(Instant.ofEpochMilli(timeMillis), obs.interfaceId(), orUnknown(obs.accountId()),
                obs.vpcId(), obs.subnetId(), obs.instanceId(), orUnknown(obs.azId()), orUnknown(obs.region()),
                obs.srcAddr(), obs.dstAddr(), obs.srcPort(), obs.dstPort(), obs.protocol(), packets, bytes, tcpFlags,
                obs.flowDirection() == FlowDirection.INGRESS ? io.vpcflow.schemas.avro.FlowDirection.INGRESS
                        : io.vpcflow.schemas.avro.FlowDirection.EGRESS,
                rejected ? Action.REJECT : Action.ACCEPT,
                rejected && decidedBy.code() != null ? decidedBy.code().name() : null,
                rejected ? decidedBy.blockedAt() : null, rejected ? decidedBy.rule() : null,
                // the schema keeps pkt-srcaddr/pkt-dstaddr only where they differ from srcaddr/dstaddr
                obs.pktSrcAddr().equals(obs.srcAddr()) ? null : obs.pktSrcAddr(),
                obs.pktDstAddr().equals(obs.dstAddr()) ? null : obs.pktDstAddr(),
                obs.pktSrcAwsService(), obs.pktDstAwsService(), obs.trafficPath(), scenario, null, null);
    }

    /** AWS writes "unknown" where it cannot tell, e.g. the account of some service-created interfaces. */
    static String orUnknown(String value) {
        return value == null ? "unknown" : value;
    }
}
