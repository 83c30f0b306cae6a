package io.vpcflow.schemas.flowlog;

import java.time.Instant;
import java.util.Map;

import io.vpcflow.schemas.avro.Action;
import io.vpcflow.schemas.avro.FlowDirection;
import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowLogTextTest {
    private static final String ACCEPTED =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 ACCEPT OK";

    @Test
    void parsesNumbersAsNumbers() {
        ParsedLine line = FlowLogText.parse(ACCEPTED, FlowLogFormat.DEFAULT);

        assertEquals(2, line.get(FlowLogField.VERSION));
        assertEquals("123456789010", line.get(FlowLogField.ACCOUNT_ID));
        assertEquals(20641, line.get(FlowLogField.SRCPORT));
        assertEquals(6, line.get(FlowLogField.PROTOCOL));
        assertEquals(4249L, line.get(FlowLogField.BYTES));
        assertEquals(1418530010L, line.get(FlowLogField.START));
        assertEquals("ACCEPT", line.get(FlowLogField.ACTION));
    }

    @Test
    void jsonHasAwsNamesInFormatOrderAndNullForDash() {
        Map<String, Object> json = FlowLogText.parse(
                "2 123456789010 eni-1 - - - - - - - 1431280876 1431280934 - NODATA", FlowLogFormat.DEFAULT).toJson();

        assertEquals(FlowLogFormat.DEFAULT.header(), String.join(" ", json.keySet()));
        assertNull(json.get("srcaddr"));
        assertTrue(json.containsKey("srcaddr"));
        assertEquals("NODATA", json.get("log-status"));
        assertEquals(1431280876L, json.get("start"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "non-numeric port | 2 1 eni-1 10.0.0.1 10.0.0.2 http 22 6 20 4249 1 2 ACCEPT OK | srcport 'http'",
            "port too large | 2 1 eni-1 10.0.0.1 10.0.0.2 80 65536 6 20 4249 1 2 ACCEPT OK | dstport '65536'",
            "negative bytes | 2 1 eni-1 10.0.0.1 10.0.0.2 80 22 6 20 -1 1 2 ACCEPT OK | bytes '-1'",
            "unknown action | 2 1 eni-1 10.0.0.1 10.0.0.2 80 22 6 20 4249 1 2 ALLOW OK | action 'ALLOW'",
            "unknown log status | 2 1 eni-1 10.0.0.1 10.0.0.2 80 22 6 20 4249 1 2 ACCEPT FINE | log-status 'FINE'",
            "protocol out of range | 2 1 eni-1 10.0.0.1 10.0.0.2 80 22 300 20 4249 1 2 ACCEPT OK | protocol '300'",
            "too few fields | 2 1 eni-1 10.0.0.1 10.0.0.2 80 22 6 20 4249 1 2 ACCEPT | line has 13 fields but the format has 14",
            "too many fields | 2 1 eni-1 10.0.0.1 10.0.0.2 80 22 6 20 4249 1 2 ACCEPT OK x | line has 15 fields but the format has 14",
            "empty line | '' | line has 0 fields",
    })
    void badLineNamesTheFieldAndValue(String name, String line, String expected) {
        var e = assertThrows(FlowLogParseException.class, () -> FlowLogText.parse(line, FlowLogFormat.DEFAULT));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void badValueExceptionCarriesFieldAndValue() {
        var e = assertThrows(FlowLogParseException.class,
                () -> FlowLogText.parse("eni-1 x", FlowLogFormat.parse("interface-id srcport")));
        assertEquals(FlowLogField.SRCPORT, e.field());
        assertEquals("x", e.value());
    }

    @Test
    void irregularSpacingIsTolerated() {
        String spaced = "  " + ACCEPTED.replace(" 22 ", "  \t22   ") + " ";
        assertEquals(ACCEPTED, FlowLogText.format(FlowLogText.parse(spaced, FlowLogFormat.DEFAULT),
                FlowLogFormat.DEFAULT));
    }

    @Test
    void formatsRecordInDefaultFormat() {
        FlowLogRecord record = FlowLogText.parse(ACCEPTED, FlowLogFormat.DEFAULT).toRecord("fl-1");

        assertEquals("fl-1", record.getSubscriptionId());
        assertEquals(Instant.ofEpochSecond(1418530010L), record.getStart());
        assertEquals(ACCEPTED, FlowLogText.format(record, FlowLogFormat.DEFAULT));
    }

    @Test
    void versionFieldPrintsTheFormatVersionNotTheRecords() {
        FlowLogRecord record = sample(LogStatus.OK);
        FlowLogFormat v3 = FlowLogFormat.parse("version interface-id tcp-flags");

        assertEquals("3 eni-0a1 18", FlowLogText.format(record, v3));
    }

    @Test
    void fieldsNotCarriedInARecordPrintAsDash() {
        FlowLogFormat format = FlowLogFormat.parse("version interface-id tgw-id ecs-task-id reject-reason");

        assertEquals("8 eni-0a1 - - -", FlowLogText.format(sample(LogStatus.OK), format));
    }

    @Test
    void version5FieldsPrintAsAwsWritesThem() {
        FlowLogFormat format = FlowLogFormat.parse("flow-direction traffic-path pkt-dst-aws-service type action");

        assertEquals("egress 8 S3 IPv4 ACCEPT", FlowLogText.format(sample(LogStatus.OK), format));
    }

    @Test
    void noDataRecordPrintsDashForEveryPerFlowField() {
        String expected = "2 123456789012 eni-0a1 - - - - - - - 1772366400 1772366460 - NODATA";

        assertEquals(expected, FlowLogText.format(sample(LogStatus.NODATA), FlowLogFormat.DEFAULT));
    }

    @Test
    void skipDataRecordKeepsTheInterfaceFields() {
        FlowLogFormat format = FlowLogFormat.parse(
                "version vpc-id subnet-id interface-id srcaddr tcp-flags flow-direction start end action log-status");

        assertEquals("5 vpc-01 subnet-0a1 eni-0a1 - - - 1772366400 1772366460 - SKIPDATA",
                FlowLogText.format(sample(LogStatus.SKIPDATA), format));
    }

    @Test
    void noDataLineParsesToARecordWithoutFlowValues() {
        FlowLogRecord record = FlowLogText.parse(
                "2 123456789010 eni-1 - - - - - - - 1431280876 1431280934 - SKIPDATA", FlowLogFormat.DEFAULT)
                .toRecord("fl-1");

        assertEquals(LogStatus.SKIPDATA, record.getLogStatus());
        assertNull(record.getAction());
        assertNull(record.getSrcPort());
        assertNull(record.getPackets());
    }

    @Test
    void lineWithoutRecordFieldsCannotBecomeARecord() {
        ParsedLine line = FlowLogText.parse("- eni-1 10.0.1.5 10.0.0.220",
                FlowLogFormat.parse("instance-id interface-id srcaddr dstaddr"));

        var e = assertThrows(FlowLogParseException.class, () -> line.toRecord("fl-1"));
        assertTrue(e.getMessage().contains("account-id, start, end, log-status"), e.getMessage());
    }

    @Test
    void missingVersionIsTheHighestAmongTheLineFields() {
        FlowLogRecord record = FlowLogText.parse("123 eni-1 1 2 OK ingress",
                FlowLogFormat.parse("account-id interface-id start end log-status flow-direction")).toRecord("fl-1");

        assertEquals(5, record.getVersion());
        assertEquals(FlowDirection.INGRESS, record.getFlowDirection());
    }

    private static FlowLogRecord sample(LogStatus status) {
        return FlowLogRecord.newBuilder()
                .setVersion(5).setAccountId("123456789012").setInterfaceId("eni-0a1")
                .setSrcAddr("10.1.0.12").setDstAddr("52.94.5.1").setSrcPort(443).setDstPort(40_000)
                .setProtocol(6).setPackets(10L).setBytes(5_400L)
                .setStart(Instant.ofEpochSecond(1_772_366_400L)).setEnd(Instant.ofEpochSecond(1_772_366_460L))
                .setAction(Action.ACCEPT).setLogStatus(status)
                .setVpcId("vpc-01").setSubnetId("subnet-0a1").setInstanceId(null).setTcpFlags(18)
                .setType("IPv4").setPktSrcAddr("10.1.0.12").setPktDstAddr("52.94.5.1")
                .setPktDstAwsService("S3").setFlowDirection(FlowDirection.EGRESS).setTrafficPath(8)
                .setSubscriptionId("fl-0a1")
                .build();
    }
}
