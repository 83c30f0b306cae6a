package io.vpcflow.streams.findings;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.Finding;
import io.vpcflow.schemas.avro.Severity;
import org.junit.jupiter.api.Test;

import static io.vpcflow.streams.findings.FindingsDriver.egress;
import static io.vpcflow.streams.findings.FindingsDriver.record;
import static org.assertj.core.api.Assertions.assertThat;

/** Port scan, port sweep, SSH/RDP brute force and unprotected-port probes: each fires, and stays silent below. */
class ReconDetectorsTest {
    private static final String SCANNER = "203.0.113.66";

    private static FindingsDriver driver(String detector) {
        return new FindingsDriver(FindingsConfig.defaults().only(detector));
    }

    /** {@code ports} SYN probes from the scanner to distinct ports, 100 ms apart, rejected except 80 and 443. */
    private static void scan(FindingsDriver d, int ports) {
        for (int p = 1; p <= ports; p++) {
            boolean open = p == 80 || p == 443;
            d.send(record("eni-web", p * 100L).setSrcAddr(SCANNER).setSrcPort(61000).setDstPort(p).setPackets(1L)
                    .setTcpFlags(open ? 6 : 2).setAction(open ? Action.ACCEPT : Action.REJECT)
                    .setExplanationCode(open ? null : "ENI_SG_RULES_MISMATCH").setBlockingComponent(open ? null
                            : "sg-web"));
        }
    }

    /** Customers browsing 443 from many source ports: the baseline every detector must stay silent on. */
    private static void browsing(FindingsDriver d, int flows) {
        for (int i = 0; i < flows; i++) {
            d.send(record("eni-web", i * 50L).setSrcAddr("192.0.2." + (10 + i % 3)).setSrcPort(40000 + i));
        }
    }

    @Test
    void portScanFiresOnceAtTheThresholdAndFoldsFurtherPorts() {
        try (FindingsDriver d = driver(PortScanDetector.NAME)) {
            scan(d, 300);
            d.advanceTo(5 * 60_000);
            assertThat(d.ofType(PortScanDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getResourceId()).isEqualTo("eni-web");
                assertThat(f.getActor()).isEqualTo(SCANNER);
                assertThat(f.getTarget()).isEqualTo("10.0.0.10");
                assertThat(f.getSeverity()).isEqualTo(Severity.MEDIUM);
                assertThat(f.getCount()).as("every port from the threshold on").isEqualTo(300);
                assertThat(f.getEvidence().get(0)).contains("50 distinct ports");
            });
            assertThat(d.counter("vpcflow.findings", "type", PortScanDetector.TYPE, "severity", "MEDIUM"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void portScanStaysSilentOnBrowsingAndOnFortyNinePorts() {
        try (FindingsDriver d = driver(PortScanDetector.NAME)) {
            browsing(d, 500);
            scan(d, 49);
            d.advanceTo(5 * 60_000);
            assertThat(d.written()).isEmpty();
        }
    }

    @Test
    void portSweepFiresOnOnePortAcrossManyAddresses() {
        try (FindingsDriver d = driver(PortSweepDetector.NAME)) {
            for (int i = 0; i < 150; i++) {
                d.send(egress("eni-web2", "10.0." + (i / 200) + "." + (i % 200 + 4), 22, i * 200L).setTcpFlags(2)
                        .setSrcPort(50000 + i));
            }
            d.advanceTo(3 * 60_000);
            assertThat(d.ofType(PortSweepDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getTarget()).isEqualTo("port 6/22");
                assertThat(f.getActor()).isEqualTo("10.0.0.10");
                assertThat(f.getCount()).isEqualTo(150);
                assertThat(f.getEvidence().get(0)).contains("50 distinct addresses");
                assertThat(f.getSeverity()).isEqualTo(Severity.HIGH);
            });
        }
    }

    @Test
    void portSweepStaysSilentBelowTheThresholdAndOnManyFlowsToFewAddresses() {
        try (FindingsDriver d = driver(PortSweepDetector.NAME)) {
            for (int i = 0; i < 49; i++) {
                d.send(egress("eni-web2", "10.0.1." + (i + 4), 445, i * 200L).setTcpFlags(2));
            }
            for (int i = 0; i < 500; i++) {
                d.send(egress("eni-app", "10.0.21." + (10 + i % 3), 5432, i * 50L).setSrcPort(40000 + i));
            }
            assertThat(d.written()).isEmpty();
        }
    }

    private static void logins(FindingsDriver d, String from, int port, int count, int packets, long spacingMs) {
        for (int i = 0; i < count; i++) {
            d.send(record("eni-bastion", i * spacingMs).setSrcAddr(from).setSrcPort(30000 + i).setDstPort(port)
                    .setPackets((long) packets));
        }
    }

    @Test
    void sshAndRdpBruteForceFireOnManyShortConnections() {
        try (FindingsDriver d = driver(BruteForceDetector.NAME)) {
            logins(d, "203.0.113.77", 22, 30, 6, 2_000);
            logins(d, "203.0.113.78", 3389, 30, 6, 1_500);
            assertThat(d.ofType(BruteForceDetector.SSH)).singleElement()
                    .satisfies(f -> assertThat(f.getActor()).isEqualTo("203.0.113.77"));
            assertThat(d.ofType(BruteForceDetector.RDP)).singleElement()
                    .satisfies(f -> assertThat(f.getTarget()).isEqualTo("10.0.0.10:3389"));
        }
    }

    @Test
    void bruteForceStaysSilentOnAdminSessionsAndFourteenAttempts() {
        try (FindingsDriver d = driver(BruteForceDetector.NAME)) {
            logins(d, "198.51.100.20", 22, 40, 60, 1_000);
            logins(d, "203.0.113.77", 22, 14, 6, 2_000);
            logins(d, "203.0.113.79", 443, 100, 6, 100);
            assertThat(d.written()).isEmpty();
        }
    }

    @Test
    void portProbeReportsTheOpenPortsOfAScannerEvenWhenAcceptedFirst() {
        try (FindingsDriver d = driver(PortProbeDetector.NAME)) {
            d.send(record("eni-web", 0).setSrcAddr(SCANNER).setSrcPort(61000).setDstPort(443).setTcpFlags(6));
            scan(d, 100);
            d.advanceTo(3 * 60_000);
            assertThat(d.ofType(PortProbeDetector.TYPE)).singleElement().satisfies(f -> {
                assertThat(f.getActor()).isEqualTo(SCANNER);
                assertThat(f.getCount()).as("443 (accepted before the threshold) and 80").isEqualTo(2);
            });
            assertThat(d.written()).extracting(Finding::getTarget)
                    .contains("10.0.0.10 port 6/443", "10.0.0.10 port 6/80");
        }
    }

    @Test
    void portProbeStaysSilentOnCustomersAndOnAFewRejects() {
        try (FindingsDriver d = driver(PortProbeDetector.NAME)) {
            browsing(d, 300);
            scan(d, 9);
            d.send(record("eni-web", 5_000).setSrcAddr(SCANNER).setDstPort(443).setTcpFlags(6));
            assertThat(d.written()).isEmpty();
        }
    }
}
