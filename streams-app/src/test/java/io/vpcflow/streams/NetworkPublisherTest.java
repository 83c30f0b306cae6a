package io.vpcflow.streams;

import java.util.List;

import io.vpcflow.model.FlowLog;
import io.vpcflow.model.InterfaceType;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.schemas.avro.FlowLogScope;
import io.vpcflow.schemas.avro.FlowLogSubscription;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;
import io.vpcflow.schemas.avro.TrafficType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@link NetworkPublisher} turns the model's flow logs and interfaces into the global tables' records. */
class NetworkPublisherTest {

    static Network network(FlowLog... flowLogs) {
        Network.Builder b = Network.builder()
                .add(new Vpc("vpc-1", "shop", "111122223333", "eu-west-1", List.of(Cidr.parse("10.0.0.0/16"))))
                .add(new Subnet("subnet-a", "web", "vpc-1", Cidr.parse("10.0.1.0/24"), "eu-west-1a", "euw1-az1"))
                .add(new NetworkInterface("eni-a1", "111122223333", "vpc-1", "subnet-a", List.of("10.0.1.10"), null,
                        List.of(), InterfaceType.INSTANCE, "i-a1", true))
                .add(new NetworkInterface("eni-a2", null, "vpc-1", "subnet-a", List.of("10.0.1.11"), null,
                        List.of(), InterfaceType.NAT_GATEWAY, "nat-1", false));
        for (FlowLog f : flowLogs) {
            b.add(f);
        }
        return b.build();
    }

    @Test
    void aDefaultFormatFlowLogBecomesASubscriptionWithAwsDefaultSpec() {
        FlowLog flowLog = new FlowLog("fl-1", null, null, "subnet-a", FlowLog.TrafficType.REJECT, 60, null,
                "cloud-watch-logs:shop");
        FlowLogSubscription s = NetworkPublisher.subscriptionOf(flowLog, network(flowLog));

        assertThat(s.getScopeType()).isEqualTo(FlowLogScope.SUBNET);
        assertThat(s.getTrafficType()).isEqualTo(TrafficType.REJECT);
        assertThat(s.getMaxAggregationIntervalSeconds()).isEqualTo(60);
        assertThat(s.getLogFormat()).startsWith("${version} ${account-id} ${interface-id}").endsWith("${log-status}");
        assertThat(s.getAccountId()).isEqualTo("111122223333");
        assertThat(s.getRegion()).isEqualTo("eu-west-1");
    }

    @Test
    void aCustomFormatIsKeptInAwsSpelling() {
        FlowLog flowLog = new FlowLog("fl-2", "111122223333", "eu-west-1", "eni-a1", FlowLog.TrafficType.ALL, 600,
                "version interface-id tcp-flags", "s3:bucket/prefix");
        FlowLogSubscription s = NetworkPublisher.subscriptionOf(flowLog, network(flowLog));

        assertThat(s.getScopeType()).isEqualTo(FlowLogScope.INTERFACE);
        assertThat(s.getLogFormat()).isEqualTo("${version} ${interface-id} ${tcp-flags}");
    }

    @Test
    void interfaceMetadataCarriesWhatFlowLogRecordsNeed() {
        Network network = network();
        NetworkInterfaceMetadata a1 = NetworkPublisher.metadataOf(network.networkInterface("eni-a1").orElseThrow(),
                network);
        NetworkInterfaceMetadata a2 = NetworkPublisher.metadataOf(network.networkInterface("eni-a2").orElseThrow(),
                network);

        assertThat(a1.getInstanceId()).isEqualTo("i-a1");
        assertThat(a1.getAzId()).isEqualTo("euw1-az1");
        assertThat(a1.getRegion()).isEqualTo("eu-west-1");
        assertThat(a2.getInstanceId()).isNull();
        assertThat(a2.getAccountId()).isEqualTo("111122223333");
        assertThat(a2.getInterfaceType()).isEqualTo("nat_gateway");
    }
}
