package io.vpcflow.model;

import java.util.List;

/**
 * A PrivateLink endpoint service: a provider's Network Load Balancer offered to consumers, who connect through
 * interface endpoints subject to acceptance and the allowed principals (account ids, ARNs or {@code *}).
 */
public record EndpointService(String id, String serviceName, String providerAccountId, String region,
                              List<String> loadBalancerIds, boolean acceptanceRequired,
                              List<String> allowedPrincipals) {
    public EndpointService {
        Checks.id(id, "endpoint service");
        Checks.required(serviceName, "endpoint service " + id, "service name");
        Checks.required(providerAccountId, "endpoint service " + id, "provider account");
        loadBalancerIds = Checks.list(loadBalancerIds);
        allowedPrincipals = Checks.list(allowedPrincipals);
    }

    /** Whether a consumer account may create an endpoint to this service. */
    public boolean allows(String accountId) {
        if (accountId.equals(providerAccountId)) {
            return true;
        }
        for (String principal : allowedPrincipals) {
            if (principal.equals("*") || principal.equals(accountId)
                    || principal.startsWith("arn:aws:iam::" + accountId + ":")) {
                return true;
            }
        }
        return false;
    }
}
