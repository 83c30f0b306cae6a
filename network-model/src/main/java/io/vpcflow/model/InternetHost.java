package io.vpcflow.model;

import io.vpcflow.model.net.Ipv4;

/** A named host on the public internet, used by the sample network and the traffic generator. */
public record InternetHost(String name, String ip) {
    public InternetHost {
        Checks.id(name, "internet host");
        Ipv4.parse(ip);
    }
}
