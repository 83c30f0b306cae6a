package io.vpcflow.model;

import io.vpcflow.model.net.Cidr;
import java.util.List;

/** A managed prefix list, e.g. AWS's {@code com.amazonaws.us-east-1.s3} list used by gateway endpoint routes. */
public record PrefixList(String id, String name, List<Cidr> cidrs) {
    public PrefixList {
        Checks.id(id, "prefix list");
        cidrs = Checks.list(cidrs);
    }
}
