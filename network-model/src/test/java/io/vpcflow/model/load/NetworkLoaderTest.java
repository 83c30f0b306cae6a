package io.vpcflow.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkLoaderTest {
    @TempDir
    Path dir;

    @Test
    void yamlFileIsReadThenValidatedWithReadingProblemsFirst() {
        Path file = YamlNetworkLoaderTest.resource("yaml/bad/validation.yaml");
        LoadedNetwork loaded = NetworkLoader.load(file);
        assertThat(loaded.problems()).extracting(p -> p.location().line() + " " + p.entityId()).containsExactly(
                "13 rtb-0a", "9 subnet-0out", "11 eni-0a");
        assertThat(loaded.problems().get(0).message()).contains("unknown key 'colour'");
        assertThat(loaded.problems().get(1).message()).contains("is outside vpc-0a 10.0.0.0/16");
        assertThat(loaded.problems().get(2).message()).contains("security group sg-0nope");
        assertThat(loaded.problems().get(2).location().file()).isEqualTo(file.toString());
    }

    @ParameterizedTest(name = "a network file ending in {0} is read as YAML")
    @ValueSource(strings = {".yaml", ".yml", ".YAML"})
    void yamlExtensions(String extension) throws IOException {
        Path file = dir.resolve("net" + extension);
        Files.copy(YamlNetworkLoaderTest.resource("yaml/constructs.yaml"), file);
        LoadedNetwork loaded = NetworkLoader.load(file);
        assertThat(loaded.problems()).isEmpty();
        assertThat(loaded.network().vpcs()).hasSize(2);
    }

    @Test
    void directoryGoesToTheDescribeLoader() {
        LoadedNetwork loaded = NetworkLoader.load(dir);
        assertThat(loaded.network().vpcs()).isEmpty();
        assertThat(loaded.problems()).noneMatch(p -> p.message().startsWith("cannot load"));
    }

    @Test
    void missingPathIsOneError() {
        Path missing = dir.resolve("nowhere.yaml");
        assertThat(NetworkLoader.load(missing).problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.message()).contains("no such file or directory");
            assertThat(p.fix()).contains(NetworkLoader.ACCEPTED);
            assertThat(p.location().file()).isEqualTo(missing.toString());
        });
    }

    @Test
    void otherExtensionIsOneErrorSayingWhatIsAccepted() throws IOException {
        Path json = Files.writeString(dir.resolve("network.json"), "{}");
        assertThat(NetworkLoader.load(json).problems()).singleElement().satisfies(p -> {
            assertThat(p.isError()).isTrue();
            assertThat(p.message()).contains("not a directory or a YAML file");
            assertThat(p.fix()).isEqualTo("give a directory of AWS describe-* JSON files, or a network file ending in "
                    + ".yaml or .yml");
        });
    }
}
