package io.vpcflow.cli;

import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.eval.Evaluation;
import io.vpcflow.model.eval.EvaluationJson;
import io.vpcflow.model.eval.Observation;

/** The readable form of an evaluation for {@code vpcflow explain}. */
final class EvaluationText {
    private EvaluationText() {
    }

    static String render(Evaluation e, Network network) {
        StringBuilder out = new StringBuilder();
        section(out, "packet", e, network, "");
        if (e.reply() != null) {
            out.append('\n');
            section(out, "reply", e.reply(), network, "");
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, Evaluation e, Network network, String indent) {
        out.append(indent).append(title).append(": ").append(e.packet()).append('\n');
        out.append(indent).append("verdict: ").append(e.verdict());
        if (e.code() != null) {
            out.append(" (").append(e.code()).append(")");
        }
        out.append('\n');
        out.append(indent).append("why: ").append(e.explanation()).append('\n');
        if (e.blockedAt() != null) {
            out.append(indent).append("blocked at: ").append(e.blockedAt()).append('\n');
            out.append(indent).append("rule: ").append(e.rule()).append('\n');
        }
        out.append(indent).append("path: ").append(String.join(" -> ", e.hops().stream()
                .map(hop -> label(hop, network)).toList())).append('\n');
        if (!e.logged()) {
            out.append(indent).append("flow logs: none (AWS does not log this traffic)\n");
            return;
        }
        out.append(indent).append("flow-log records (interface direction action srcaddr dstaddr srcport dstport"
                + " pkt-srcaddr pkt-dstaddr traffic-path reject-reason):\n");
        for (Observation o : e.observations()) {
            out.append(indent).append("  ").append(String.join(" ", o.interfaceId(), o.flowDirection().awsName(),
                    o.action(), o.srcAddr(), o.dstAddr(), Integer.toString(o.srcPort()),
                    Integer.toString(o.dstPort()), o.pktSrcAddr(), o.pktDstAddr(),
                    o.trafficPath() == null ? "-" : o.trafficPath().toString(),
                    orDash(EvaluationJson.rejectReason(o, e)))).append('\n');
        }
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }

    private static String label(String hop, Network network) {
        NetworkInterface eni = network.networkInterface(hop).orElse(null);
        return eni != null && eni.attachedTo() != null ? hop + " (" + eni.attachedTo() + ")" : hop;
    }
}
