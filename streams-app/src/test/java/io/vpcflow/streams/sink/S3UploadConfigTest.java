package io.vpcflow.streams.sink;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The upload's settings and the uploader's choice of files and keys, without a server. */
class S3UploadConfigTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"abc", "my-flow-logs", "logs.example.com", "a1-2.b3"})
    void acceptsBucketNames(String bucket) {
        assertThat(S3UploadConfig.of(bucket).bucket()).isEqualTo(bucket);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ab", "My_Bucket", "-logs", "logs-", "a..b", "logs/prefix", "s3://logs"})
    void refusesWhatIsNotABucketName(String bucket) {
        assertThatThrownBy(() -> S3UploadConfig.of(bucket)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + bucket + "' is not an S3 bucket name");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://store:21", "127.0.0.1:9000", "http:///nohost"})
    void refusesEndpointsThatAreNotHttpUrlsWithAHost(String endpoint) {
        assertThatThrownBy(() -> S3UploadConfig.parseEndpoint(endpoint)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http://127.0.0.1:9000");
    }

    @Test
    void refusesBadRegionsAndBackoffs() {
        assertThatThrownBy(() -> S3UploadConfig.of("logs").withRegion("EU West 1"))
                .hasMessageContaining("'EU West 1' is not a Region name");
        assertThatThrownBy(() -> S3UploadConfig.of("logs").withMaxBackoff(Duration.ZERO))
                .hasMessageContaining("max backoff must be positive");
    }

    @ParameterizedTest(name = "max {0} ms -> first wait {1} ms")
    @CsvSource({"60000, 1000", "500, 50", "5000, 500"})
    void firstWaitIsATenthOfTheMaximumAtMostOneSecond(long maxMillis, long firstMillis) {
        assertThat(S3UploadConfig.of("logs").withMaxBackoff(Duration.ofMillis(maxMillis)).initialBackoff())
                .isEqualTo(Duration.ofMillis(firstMillis));
    }

    @Test
    void endpointKeepsItsUrl() {
        assertThat(S3UploadConfig.of("logs").withEndpoint(S3UploadConfig.parseEndpoint(" http://127.0.0.1:9000 "))
                .endpoint()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void keyIsThePathBelowTheDestinationBucketDirectory(@TempDir Path root) {
        Path file = root.resolve("my-bucket/vpc/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01/f.log.gz");
        assertThat(S3Uploader.key(root, file))
                .isEqualTo("vpc/AWSLogs/123456789012/vpcflowlogs/eu-west-1/2024/03/01/f.log.gz");
        assertThat(S3Uploader.key(root, root.resolve("other-bucket/AWSLogs/1/f.log.gz"))).isEqualTo("AWSLogs/1/f.log.gz");
        assertThatThrownBy(() -> S3Uploader.key(root, root.resolve("f.log.gz")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not below a bucket directory");
    }

    @Test
    void onlyPublishedFilesWaitForUpload(@TempDir Path root) throws Exception {
        Path day = Files.createDirectories(root.resolve("b/AWSLogs/1/vpcflowlogs/r/2024/03/01"));
        Path published = Files.writeString(day.resolve("1_vpcflowlogs_r_fl_20240301T1205Z_0a1b2c3d.log.gz"), "x");
        Files.writeString(day.resolve(".fl-1234.log.gz.tmp"), "being written");
        Files.writeString(day.resolve("notes.txt"), "not a log");
        assertThat(S3Uploader.publishedFiles(root)).containsExactly(published);
        assertThat(S3Uploader.publishedFiles(root.resolve("missing"))).isEmpty();
    }
}
