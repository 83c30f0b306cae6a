package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;

/** The other side of a security-group rule: a CIDR block, a prefix list, or another security group. */
public sealed interface RulePeer {
    record CidrPeer(Cidr cidr) implements RulePeer {
        @Override
        public String toString() {
            return cidr.toString();
        }
    }

    record PrefixListPeer(String prefixListId) implements RulePeer {
        @Override
        public String toString() {
            return prefixListId;
        }
    }

    /** A referenced group; {@code accountId} is set when it belongs to another account (a peered VPC). */
    record GroupPeer(String groupId, String accountId) implements RulePeer {
        @Override
        public String toString() {
            return accountId == null ? groupId : accountId + "/" + groupId;
        }
    }
}
