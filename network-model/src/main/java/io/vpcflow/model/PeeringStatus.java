package io.vpcflow.model;

import java.util.Locale;

/** Status codes of a VPC peering connection, as the AWS API spells them. */
public enum PeeringStatus {
    INITIATING_REQUEST, PENDING_ACCEPTANCE, ACTIVE, DELETED, REJECTED, FAILED, EXPIRED, PROVISIONING, DELETING;

    /** Parses {@code active}, {@code pending-acceptance} ... */
    public static PeeringStatus parse(String code) {
        return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
