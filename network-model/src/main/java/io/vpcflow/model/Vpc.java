package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;
import java.util.List;

/** A VPC with its primary CIDR block first, then the associated secondary blocks. */
public record Vpc(String id, String name, String accountId, String region, List<Cidr> cidrBlocks) {
    public Vpc {
        Checks.id(id, "vpc");
        Checks.required(accountId, "vpc " + id, "account id");
        Checks.required(region, "vpc " + id, "region");
        cidrBlocks = Checks.list(cidrBlocks);
        if (cidrBlocks.isEmpty()) {
            throw new IllegalArgumentException("vpc " + id + " has no CIDR block");
        }
    }

    public boolean contains(int address) {
        for (Cidr cidr : cidrBlocks) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean overlaps(Vpc other) {
        for (Cidr mine : cidrBlocks) {
            for (Cidr theirs : other.cidrBlocks) {
                if (mine.overlaps(theirs)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Amazon DNS server: the VPC's primary block base address plus two. */
    public int amazonDnsAddress() {
        return cidrBlocks.get(0).addressAt(2);
    }
}
