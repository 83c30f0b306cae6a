package io.vpcflow.streams.findings;

import java.util.List;

import io.vpcflow.schemas.avro.Severity;

/**
 * A network ACL rejects the replies of flows the other side accepted: the missing ephemeral-port rule. Security
 * groups are stateful and never reject a reply, so a rejected reply (a SYN-ACK, or without TCP flags a packet from
 * a port below 1024 to one at or above it) is a network ACL's doing; vpcflow records also name the ACL
 * (SUBNET_ACL_RESTRICTION). The resource is the ACL, or the subnet when the record does not name it.
 */
final class NaclReplyDetector implements Detector {
    static final String NAME = "nacl-reply";
    static final String TYPE = "Policy:NetworkAcl/EphemeralPortRepliesRejected";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void observe(Flow f, DetectorState s, FindingSink sink) {
        if (f.accepted() || !f.isReply() || "ENI_SG_RULES_MISMATCH".equals(f.explanationCode())) {
            return;
        }
        String acl = f.blockingComponent();
        String resource = acl != null && acl.startsWith("acl-") ? acl
                : f.record().getSubnetId() != null ? f.record().getSubnetId() : f.interfaceId();
        sink.raise(new Occurrence(NAME, TYPE, Severity.MEDIUM, resource, f.interfaceId(),
                "replies from " + f.remoteAddr() + ":" + f.remotePort() + " to port " + f.localPort(), f.startMs(), 1,
                List.of("rejected reply " + (f.ingress() ? "entering" : "leaving") + " the subnet: " + f.describe(),
                        "the ACL needs an " + (f.ingress() ? "inbound" : "outbound")
                                + " allow rule for ports 1024-65535")));
    }
}
