package io.vpcflow.model.eval;

/**
 * What the flow log of one network interface records for one packet, with the AWS flow-log fields filled as AWS
 * fills them. {@code srcAddr}/{@code dstAddr} use the interface's primary private IP on its own side;
 * {@code pktSrcAddr}/{@code pktDstAddr} keep the packet's addresses. Null means AWS writes {@code -}.
 */
public record Observation(String interfaceId, String accountId, String vpcId, String subnetId, String instanceId,
                          String azId, String region, FlowDirection flowDirection, String action, String srcAddr,
                          String dstAddr, int srcPort, int dstPort, int protocol, int tcpFlags, String pktSrcAddr,
                          String pktDstAddr, Integer trafficPath, String pktSrcAwsService,
                          String pktDstAwsService) {
    public static final String ACCEPT = "ACCEPT";
    public static final String REJECT = "REJECT";

    public boolean accepted() {
        return ACCEPT.equals(action);
    }
}
