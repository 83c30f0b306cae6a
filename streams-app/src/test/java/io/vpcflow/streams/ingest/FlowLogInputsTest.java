package io.vpcflow.streams.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowLogInputsTest {
    private static final String AWS_NAME =
            "123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20180620T1620Z_fe123456.log.gz";

    @TempDir
    Path root;

    @Test
    void walksAnS3LayoutTreeInNameOrderLeavingOutHiddenAndBinaryFiles() throws IOException {
        Path day = Files.createDirectories(root.resolve("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/20"));
        Path later = Files.createDirectories(root.resolve("AWSLogs/123456789012/vpcflowlogs/us-east-1/2018/06/21"));
        Path a = gzip(day.resolve(AWS_NAME), "version account-id\n");
        Path b = Files.writeString(later.resolve("flows.log"), "x\n");
        Path noExtension = Files.writeString(root.resolve("export"), "2 1 eni-1 - - - - - - - 1 2 - NODATA\n");
        Path gzipWithoutExtension = gzip(root.resolve("blob"), "text\n");
        Files.writeString(day.resolve(".fl-1-0000.log.gz.tmp"), "being written");
        Files.createDirectories(root.resolve(".git"));
        Files.writeString(root.resolve(".git/config"), "hidden");
        Path binary = Files.write(root.resolve("picture.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 1});

        FlowLogInputs.Found found = FlowLogInputs.discover(List.of(root));

        assertThat(found.files()).containsExactly(a, b, gzipWithoutExtension, noExtension);
        assertThat(found.notText()).containsExactly(binary);
    }

    @Test
    void aFileNamedOnTheCommandLineIsReadWhateverItsName() throws IOException {
        Path binaryLooking = Files.write(root.resolve("odd.bin"), new byte[] {0, 1, 2});
        assertThat(FlowLogInputs.discover(List.of(binaryLooking)).files()).containsExactly(binaryLooking);
    }

    @Test
    void aMissingPathIsAnErrorNamingIt() {
        assertThatThrownBy(() -> FlowLogInputs.discover(List.of(root, root.resolve("nope"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }

    @Test
    void awsFileNamesGiveAccountRegionFlowLogAndTime() {
        assertThat(S3FileName.parse(AWS_NAME)).contains(new S3FileName("123456789012", "us-east-1", "fl-1234abcd",
                Instant.parse("2018-06-20T16:20:00Z")));
        assertThat(S3FileName.parse(AWS_NAME.replace(".log.gz", ".log"))).isPresent();
        assertThat(S3FileName.parse("flows.log.gz")).isEmpty();
        assertThat(S3FileName.parse(AWS_NAME.replace("T1620Z", "T9999Z"))).isEmpty();
    }

    static Path gzip(Path file, String text) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }
}
