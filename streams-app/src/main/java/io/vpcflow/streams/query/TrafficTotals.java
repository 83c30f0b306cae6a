package io.vpcflow.streams.query;

/** Bytes, packets and records of one interface in one minute, or summed over a group of them. */
record TrafficTotals(String interfaceId, String vpcId, String subnetId, long bytes, long packets, long records) {
    TrafficTotals plus(TrafficTotals other) {
        return new TrafficTotals(interfaceId, vpcId, subnetId, bytes + other.bytes, packets + other.packets,
                records + other.records);
    }
}
