package io.vpcflow.streams;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.TrafficType;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With several partitions, each task writes NODATA only for the interfaces whose packet events the producer's
 * default partitioner puts in its partition, so no interface gets two NODATA records per window. The test driver
 * runs partition 0 of 3.
 */
class NoDataPartitionTest {

    @Test
    void aTaskWritesNoDataOnlyForTheInterfacesOfItsPartition() {
        List<String> all = List.of("eni-a1", "eni-a2", "eni-b1");
        List<String> onPartitionZero = all.stream()
                .filter(eni -> BuiltInPartitioner.partitionForKey(eni.getBytes(StandardCharsets.UTF_8), 3) == 0)
                .toList();
        assertThat(onPartitionZero).as("some but not all interfaces on partition 0").isNotEmpty()
                .hasSizeLessThan(all.size());
        try (FlowLogDriver d = new FlowLogDriver(FlowLogDriver.testConfig().withPartitions(3))) {
            d.subscribe("fl-1", "vpc-1", TrafficType.ALL, 60, FlowLogDriver.DEFAULT_FORMAT);
            d.advanceStreamTime(1_000);
            d.advanceStreamTime(90_000);

            assertThat(d.recordValues()).filteredOn(r -> r.getLogStatus() == LogStatus.NODATA)
                    .extracting(FlowLogRecord::getInterfaceId)
                    .containsExactlyInAnyOrderElementsOf(onPartitionZero);
        }
    }
}
