package io.vpcflow.streams;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.vpcflow.model.FlowLog;
import io.vpcflow.model.Network;
import io.vpcflow.model.NetworkInterface;
import io.vpcflow.model.load.LoadedNetwork;
import io.vpcflow.model.load.NetworkLoader;
import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.LogStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenario: the bundled sample network's flow logs and interfaces, published as {@link NetworkPublisher} publishes
 * them. One accepted and one rejected flow at every interface yield exactly one record per flow log that captures the
 * interface and whose traffic filter takes the verdict (so an interface under two flow logs gets two).
 */
class SampleNetworkFlowLogsTest {

    @Test
    void everyInterfaceGetsTheRecordsOfEachFlowLogThatCapturesIt() {
        LoadedNetwork loaded = NetworkLoader.load(Path.of("..", "examples", "sample-network.yaml"));
        assertThat(loaded.hasErrors()).as("sample network loads: %s", loaded.problems()).isFalse();
        Network network = loaded.network();
        assertThat(network.flowLogs()).isNotEmpty();

        List<String> expected = new ArrayList<>();
        try (FlowLogDriver d = new FlowLogDriver(FlowLogDriver.testConfig())) {
            network.flowLogs().forEach(f -> d.publish(NetworkPublisher.subscriptionOf(f, network)));
            network.networkInterfaces().forEach(eni -> d.publish(NetworkPublisher.metadataOf(eni, network)));
            for (NetworkInterface eni : network.networkInterfaces()) {
                for (Action action : Action.values()) {
                    d.send(FlowLogDriver.event(eni.id(), 1_000).setVpcId(eni.vpcId()).setSubnetId(eni.subnetId())
                            .setDstAddr(eni.primaryPrivateIp()).setAction(action)
                            .setSrcPort(action == Action.ACCEPT ? 40000 : 40001));
                }
                for (FlowLog f : network.flowLogs()) {
                    if (f.captures(eni)) {
                        for (Action action : Action.values()) {
                            if (f.trafficType() == FlowLog.TrafficType.ALL
                                    || f.trafficType().name().equals(action.name())) {
                                expected.add(f.id() + "/" + eni.id());
                            }
                        }
                    }
                }
            }
            d.advanceStreamTime(700_000);

            List<String> ok = d.recordValues().stream().filter(r -> r.getLogStatus() == LogStatus.OK)
                    .map(r -> r.getSubscriptionId() + "/" + r.getInterfaceId()).toList();
            assertThat(ok).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(network.networkInterfaces()).as("some interface is captured by two flow logs")
                    .anyMatch(eni -> network.flowLogs().stream().filter(f -> f.captures(eni)).count() > 1);
        }
    }
}
