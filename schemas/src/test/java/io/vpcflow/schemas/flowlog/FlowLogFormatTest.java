package io.vpcflow.schemas.flowlog;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowLogFormatTest {

    @ParameterizedTest(name = "{0} -> version {1}")
    @CsvSource(delimiter = '|', value = {
            "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status | 2",
            "srcaddr dstaddr | 2",
            "version srcaddr tcp-flags | 3",
            "az-id srcaddr | 4",
            "${version} ${srcaddr} ${region} ${flow-direction} | 5",
            "traffic-path vpc-id | 5",
            "version tgw-id | 6",
            "srcaddr ecs-task-id | 7",
            "reject-reason | 8",
    })
    void versionIsTheHighestAmongItsFields(String spec, int version) {
        assertEquals(version, FlowLogFormat.parse(spec).version());
    }

    @Test
    void defaultFormatIsTheFourteenVersionTwoFieldsInAwsOrder() {
        assertEquals(14, FlowLogFormat.DEFAULT.fields().size());
        assertEquals(2, FlowLogFormat.DEFAULT.version());
        assertEquals("${version} ${account-id} ${interface-id} ${srcaddr} ${dstaddr} ${srcport} ${dstport} "
                + "${protocol} ${packets} ${bytes} ${start} ${end} ${action} ${log-status}",
                FlowLogFormat.DEFAULT.awsSpec());
        assertEquals(FlowLogFormat.DEFAULT, FlowLogFormat.parse(FlowLogFormat.DEFAULT.header()));
    }

    @Test
    void everyVersionTwoFieldIsInTheDefaultFormat() {
        for (FlowLogField field : FlowLogField.values()) {
            assertEquals(field.version() == 2, FlowLogFormat.DEFAULT.contains(field), field.awsName());
        }
    }

    @Test
    void awsAndPlainSpecsParseAlike() {
        FlowLogFormat aws = FlowLogFormat.parse("${srcaddr}  ${dstaddr}\t${pkt-src-aws-service}");
        FlowLogFormat plain = FlowLogFormat.parse(" srcaddr dstaddr pkt-src-aws-service ");
        assertEquals(aws, plain);
        assertEquals(List.of(FlowLogField.SRCADDR, FlowLogField.DSTADDR, FlowLogField.PKT_SRC_AWS_SERVICE),
                aws.fields());
        assertEquals("${srcaddr} ${dstaddr} ${pkt-src-aws-service}", aws.awsSpec());
    }

    @Test
    void unknownFieldIsNamedWithTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> FlowLogFormat.parse("${version} ${src-addr}"));
        assertTrue(e.getMessage().contains("'src-addr'"), e.getMessage());
        assertTrue(e.getMessage().contains("srcaddr"), e.getMessage());
        assertTrue(e.getMessage().contains("reject-reason"), e.getMessage());
    }

    @Test
    void emptyFormatIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> FlowLogFormat.parse("  "));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void fieldNamedTwiceIsRejected() {
        var e = assertThrows(IllegalArgumentException.class, () -> FlowLogFormat.parse("srcaddr dstaddr srcaddr"));
        assertTrue(e.getMessage().contains("srcaddr twice"), e.getMessage());
    }

    @Test
    void byAwsNameFindsEveryField() {
        for (FlowLogField field : FlowLogField.values()) {
            assertEquals(field, FlowLogField.byAwsName(field.awsName()));
            assertTrue(field.version() >= 2 && field.version() <= 8, field.awsName());
        }
        assertEquals("account-id", FlowLogField.ACCOUNT_ID.awsName());
    }

    @Test
    void nullSpecMeansTheDefaultFormat() {
        assertEquals(FlowLogFormat.DEFAULT, FlowLogFormat.parseOrDefault(null));
        assertEquals(FlowLogFormat.of(FlowLogField.SRCADDR), FlowLogFormat.parseOrDefault("${srcaddr}"));
        assertThrows(IllegalArgumentException.class, () -> FlowLogFormat.parseOrDefault(""));
    }

    @Test
    void headerLineIsRecognised() {
        assertEquals(FlowLogFormat.DEFAULT, FlowLogFormat.fromHeader(FlowLogFormat.DEFAULT.header()).orElseThrow());
        assertFalse(FlowLogFormat.fromHeader("2 123456789010 eni-1 - - - - - - - 1 2 - NODATA").isPresent());
        assertFalse(FlowLogFormat.fromHeader("").isPresent());
    }
}
