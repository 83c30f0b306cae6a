package io.vpcflow.streams.sink;

import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class S3LayoutTest {
    private static final Instant T1620 = Instant.parse("2018-06-20T16:20:00Z");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "2018-06-20T16:15:00.001Z, 2018-06-20T16:20:00Z",
            "2018-06-20T16:15:01Z,     2018-06-20T16:20:00Z",
            "2018-06-20T16:20:00Z,     2018-06-20T16:20:00Z",
            "2018-06-20T16:20:00.001Z, 2018-06-20T16:25:00Z",
            "2018-06-20T23:58:00Z,     2018-06-21T00:00:00Z"})
    void fileTimeIsTheEndOfTheFiveMinutesAsInAwsExample(Instant published, Instant fileTime) {
        assertThat(S3Layout.fileTime(published)).isEqualTo(fileTime);
    }

    @Test
    void awsFileNameAndDefaultDirectories() {
        assertThat(S3Layout.DEFAULT.directory("123456789012", "us-east-1", T1620))
                .isEqualTo("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20");
        assertThat(S3Layout.fileName("123456789012", "us-east-1", "fl-1234abcd", T1620, "fe123456"))
                .isEqualTo("123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz");
    }

    @Test
    void hourlyAndHiveCompatibleDirectories() {
        assertThat(new S3Layout(false, true).directory("123456789012", "us-east-1", T1620))
                .isEqualTo("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20/16");
        assertThat(new S3Layout(true, false).directory("123456789012", "us-east-1", T1620))
                .isEqualTo("AWSLogs/aws-account-id=123456789012/aws-service=vpcflowlogs/aws-region=us-east-1"
                        + "/year=2018/month=06/day=20");
        assertThat(new S3Layout(true, true).directory("123456789012", "us-east-1", T1620))
                .endsWith("/day=20/hour=16");
    }

    @Test
    void theFileAtMidnightIsInTheNextDaysDirectory() {
        Instant fileTime = S3Layout.fileTime(Instant.parse("2018-12-31T23:57:00Z"));
        assertThat(S3Layout.DEFAULT.directory("123456789012", "eu-west-1", fileTime))
                .endsWith("/2019/01/01");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "s3:my-bucket/my-logs,                       my-bucket, my-logs",
            "s3:my-bucket,                               my-bucket, ''",
            "s3://my-bucket/a/b/,                        my-bucket, a/b",
            "arn:aws:s3:::my-bucket/my-logs,             my-bucket, my-logs",
            "arn:aws-cn:s3:::cn-bucket,                  cn-bucket, ''"})
    void s3Destinations(String destination, String bucket, String prefix) {
        assertThat(S3Destination.parse(destination)).contains(new S3Destination(bucket, prefix));
    }

    @Test
    void otherDestinationsAreNotS3() {
        assertThat(S3Destination.parse("cloud-watch-logs:flows")).isEmpty();
        assertThat(S3Destination.parse("topic")).isEmpty();
        assertThat(S3Destination.parse("arn:aws:logs:us-east-1:123456789012:log-group:flows")).isEmpty();
        assertThat(S3Destination.parse(null)).isEmpty();
    }

    @Test
    void bucketAndPrefixStayBelowTheRoot() {
        assertThat(new S3Destination("b", "x/y").under(Path.of("/data"))).isEqualTo(Path.of("/data/b/x/y"));
        assertThat(new S3Destination("b", "").under(Path.of("/data"))).isEqualTo(Path.of("/data/b"));
        assertThatThrownBy(() -> S3Destination.parse("s3:b/../../etc")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> S3Destination.parse("s3:..")).hasMessageContaining("bucket");
        assertThatThrownBy(() -> S3Layout.DEFAULT.directory("1/2", "us-east-1", T1620))
                .hasMessageContaining("account");
    }
}
