package io.vpcflow.streams.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.Severity;
import io.vpcflow.schemas.serde.AvroSerdes;
import io.vpcflow.schemas.serde.SerdeConfig;
import io.vpcflow.schemas.topic.VpcflowTopics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.query.QueryData.T0;
import static io.vpcflow.streams.query.QueryData.finding;
import static io.vpcflow.streams.query.QueryData.record;
import static org.assertj.core.api.Assertions.assertThat;

/** The query stores, fed through {@link QueryTopology} with the production topic names and read as the API does. */
class QueryTopologyTest {
    private final VpcflowTopics topics = VpcflowTopics.create(VpcflowTopics.DEFAULT_PREFIX,
            new AvroSerdes(SerdeConfig.withoutRegistry()));
    private TopologyTestDriver driver;
    private TestInputTopic<String, FlowLogRecord> flowLogs;
    private TestInputTopic<String, Finding> findings;
    private LocalStores stores;

    @BeforeEach
    void start() throws Exception {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, "query-topology-test");
        p.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory(Files.createDirectories(
                Path.of("target", "state")), "query").toString());
        driver = new TopologyTestDriver(QueryTopology.addTo(new Topology(), topics), p);
        flowLogs = driver.createInputTopic(topics.flowLogs().name(), topics.flowLogs().keySerde().serializer(),
                topics.flowLogs().valueSerde().serializer());
        findings = driver.createInputTopic(topics.findings().name(), topics.findings().keySerde().serializer(),
                topics.findings().valueSerde().serializer());
        stores = new LocalStores(new StoreSource() {
            @Override
            public <V> org.apache.kafka.streams.state.ReadOnlyKeyValueStore<String, V> store(String name, int p) {
                return driver.getKeyValueStore(name);
            }
        });
    }

    @AfterEach
    void close() {
        driver.close();
    }

    private void send(FlowLogRecord r) {
        flowLogs.pipeInput(r.getInterfaceId().toString(), r);
    }

    @Test
    void recordsOfOneInterfaceInTimeOrderWithinTheRange() {
        send(record("eni-1", "vpc-1", "subnet-1", 5, 10, 1, Action.ACCEPT));
        send(record("eni-1", "vpc-1", "subnet-1", 1, 20, 2, Action.ACCEPT));
        send(record("eni-10", "vpc-1", "subnet-1", 2, 30, 3, Action.ACCEPT));   // shares the prefix "eni-1"
        send(QueryData.noData("eni-1", 3));
        send(record("eni-1", "vpc-1", "subnet-1", 9, 40, 4, Action.ACCEPT));

        List<FlowLogRecord> got = stores.records("eni-1", T0.plusSeconds(60), T0.plusSeconds(9 * 60), 0);

        assertThat(got).extracting(r -> r.getStart().getEpochSecond() - T0.getEpochSecond())
                .containsExactly(60L, 180L, 300L);
        assertThat(got).allSatisfy(r -> assertThat(r.getInterfaceId().toString()).isEqualTo("eni-1"));
    }

    @Test
    void theSameRecordTwiceIsStoredTwiceAsTheTopicHoldsIt() {
        FlowLogRecord r = record("eni-1", "vpc-1", "subnet-1", 0, 10, 1, Action.ACCEPT);
        send(r);
        send(r);
        assertThat(stores.records("eni-1", T0, T0.plusSeconds(60), 0)).hasSize(2);
        assertThat(stores.traffic(T0, T0.plusSeconds(60), List.of(0))).singleElement()
                .satisfies(t -> assertThat(t.bytes()).isEqualTo(20));
    }

    @Test
    void trafficIsSummedPerInterfaceOverTheMinutesOfTheRangeAndNoDataCountsNothing() {
        send(record("eni-1", "vpc-1", "subnet-1", 0, 100, 1, Action.ACCEPT));
        send(record("eni-1", "vpc-1", "subnet-1", 1, 50, 2, Action.REJECT));
        send(record("eni-1", "vpc-1", "subnet-1", 7, 1000, 9, Action.ACCEPT));   // outside [0, 5 min)
        send(record("eni-2", "vpc-2", "subnet-2", 4, 7, 7, Action.ACCEPT));
        send(QueryData.noData("eni-3", 2));

        List<TrafficTotals> got = stores.traffic(T0, T0.plusSeconds(300), List.of(0));

        assertThat(got).containsExactlyInAnyOrder(
                new TrafficTotals("eni-1", "vpc-1", "subnet-1", 150, 3, 2),
                new TrafficTotals("eni-2", "vpc-2", "subnet-2", 7, 7, 1));
    }

    @Test
    void rejectsAreGroupedByComponentRuleAndCodeAndFilteredByVpc() {
        send(record("eni-1", "vpc-1", "subnet-1", 0, 60, 1, Action.REJECT));
        send(record("eni-2", "vpc-1", "subnet-1", 1, 40, 2, Action.REJECT));
        send(record("eni-3", "vpc-2", "subnet-2", 1, 5, 5, Action.REJECT));
        send(record("eni-1", "vpc-1", "subnet-1", 1, 999, 9, Action.ACCEPT));

        assertThat(stores.rejects(T0, T0.plusSeconds(120), "vpc-1", List.of(0))).singleElement().satisfies(r -> {
            assertThat(r.component()).isEqualTo("sg-0db");
            assertThat(r.explanationCode()).isEqualTo("ENI_SG_RULES_MISMATCH");
            assertThat(r.rule()).isEqualTo("no inbound rule of sg-0db");
            assertThat(r.packets()).isEqualTo(3);
            assertThat(r.bytes()).isEqualTo(100);
            assertThat(r.records()).isEqualTo(2);
        });
        assertThat(stores.rejects(T0, T0.plusSeconds(120), null, List.of(0))).singleElement()
                .satisfies(r -> assertThat(r.packets()).isEqualTo(8));
    }

    @Test
    void findingsKeepTheLatestValuePerIdAndATombstoneDeletes() {
        findings.pipeInput("f-1", finding("f-1", "Recon:EC2/Portscan", Severity.MEDIUM, "eni-1", 0, 1, 10));
        findings.pipeInput("f-1", finding("f-1", "Recon:EC2/Portscan", Severity.HIGH, "eni-1", 0, 5, 50));
        findings.pipeInput("f-2", finding("f-2", "UnauthorizedAccess:EC2/SSHBruteForce", Severity.LOW, "eni-2", 2,
                3, 4));
        findings.pipeInput("f-3", finding("f-3", "Recon:EC2/Portscan", Severity.LOW, "eni-3", 0, 0, 1));
        findings.pipeInput("f-3", null);

        assertThat(stores.finding("f-1", 0).getCount()).isEqualTo(50);
        assertThat(stores.finding("f-3", 0)).isNull();
        assertThat(stores.findings(new FindingFilter("Recon:EC2/Portscan", null, null, null, null), List.of(0)))
                .extracting(f -> f.getId().toString()).containsExactly("f-1");
        assertThat(stores.findings(new FindingFilter(null, "LOW", null, null, null), List.of(0)))
                .extracting(f -> f.getId().toString()).containsExactly("f-2");
        assertThat(stores.findings(new FindingFilter(null, null, null, T0.plusSeconds(240), null), List.of(0)))
                .extracting(f -> f.getId().toString()).containsExactly("f-1");
        assertThat(stores.findings(new FindingFilter(null, null, "eni-2", null, T0.plusSeconds(120)), List.of(0)))
                .isEmpty();
    }
}
