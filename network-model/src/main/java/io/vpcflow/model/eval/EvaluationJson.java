package io.vpcflow.model.eval;

import io.vpcflow.model.net.Ipv4;
import io.vpcflow.model.net.Protocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of an evaluation, shared by {@code vpcflow explain --json} and the query API: {@code verdict},
 * {@code code}, {@code blockedAt}, {@code rule}, {@code hops}, {@code observations} (keyed by AWS flow-log field
 * names, {@code null} where AWS writes {@code -}, with {@code reject-reason}) and {@code reply}.
 */
public final class EvaluationJson {
    private EvaluationJson() {
    }

    public static Map<String, Object> toMap(Evaluation e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("packet", packet(e.packet()));
        m.put("verdict", e.verdict().name());
        m.put("code", e.code() == null ? null : e.code().name());
        m.put("blockedAt", e.blockedAt());
        m.put("rule", e.rule());
        m.put("explanation", e.explanation());
        m.put("logged", e.logged());
        m.put("hops", e.hops());
        m.put("observations", e.observations().stream().map(o -> withRejectReason(toMap(o), o, e)).toList());
        if (e.reply() != null) {
            m.put("reply", toMap(e.reply()));
        }
        return m;
    }

    public static Map<String, Object> packet(Packet p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol", Protocol.name(p.protocol()));
        m.put("srcaddr", Ipv4.format(p.srcIp()));
        m.put("dstaddr", Ipv4.format(p.dstIp()));
        m.put("srcport", p.srcPort());
        m.put("dstport", p.dstPort());
        m.put("tcp-flags", p.tcpFlags());
        if (p.protocol() == Protocol.ICMP) {
            m.put("icmp-type", p.icmpType());
            m.put("icmp-code", p.icmpCode());
        }
        return m;
    }

    /** The AWS flow-log fields of one observation, in the order AWS lists them. */
    public static Map<String, Object> toMap(Observation o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("account-id", o.accountId());
        m.put("interface-id", o.interfaceId());
        m.put("srcaddr", o.srcAddr());
        m.put("dstaddr", o.dstAddr());
        m.put("srcport", o.srcPort());
        m.put("dstport", o.dstPort());
        m.put("protocol", o.protocol());
        m.put("action", o.action());
        m.put("vpc-id", o.vpcId());
        m.put("subnet-id", o.subnetId());
        m.put("instance-id", o.instanceId());
        m.put("tcp-flags", o.tcpFlags());
        m.put("type", "IPv4");
        m.put("pkt-srcaddr", o.pktSrcAddr());
        m.put("pkt-dstaddr", o.pktDstAddr());
        m.put("region", o.region());
        m.put("az-id", o.azId());
        m.put("pkt-src-aws-service", o.pktSrcAwsService());
        m.put("pkt-dst-aws-service", o.pktDstAwsService());
        m.put("flow-direction", o.flowDirection().awsName());
        m.put("traffic-path", o.trafficPath());
        return m;
    }

    /**
     * {@code reject-reason} (flow-log version 8) of an observation in {@code e}: BPA on the REJECT record of a packet
     * that VPC Block Public Access dropped, else null.
     */
    private static Map<String, Object> withRejectReason(Map<String, Object> m, Observation o, Evaluation e) {
        m.put("reject-reason", rejectReason(o, e));
        return m;
    }

    /** The flow-log {@code reject-reason} of one observation of an evaluation: BPA or null ("-"). */
    public static String rejectReason(Observation o, Evaluation e) {
        return o.accepted() || e.code() == null ? null : e.code().flowLogRejectReason();
    }

    /** Observations of a list, as maps. */
    public static List<Map<String, Object>> observations(List<Observation> observations) {
        return observations.stream().map(EvaluationJson::toMap).toList();
    }
}
