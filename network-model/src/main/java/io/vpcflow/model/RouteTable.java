package io.vpcflow.model;

import java.util.List;

/** A route table; {@code main} tables serve every subnet of the VPC that has no explicit association. */
public record RouteTable(String id, String vpcId, boolean main, List<String> subnetIds, List<Route> routes) {
    public RouteTable {
        Checks.id(id, "route table");
        Checks.required(vpcId, "route table " + id, "vpc id");
        subnetIds = Checks.list(subnetIds);
        routes = Checks.list(routes);
    }
}
