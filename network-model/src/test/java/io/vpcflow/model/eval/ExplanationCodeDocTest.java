package io.vpcflow.model.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.vpcflow.model.SharedFiles;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/explanation-codes.md lists every code, with the right AWS/vpcflow origin, and no code that does not exist. */
class ExplanationCodeDocTest {
    @Test
    void docTableMatchesTheEnum() throws Exception {
        String doc = Files.readString(SharedFiles.repositoryRoot().resolve("docs/explanation-codes.md"));
        for (ExplanationCode code : ExplanationCode.values()) {
            assertThat(doc).contains("| `" + code.name() + "` | " + (code.awsCode() ? "yes" : "no") + " |");
        }
        Matcher rows = Pattern.compile("\\| `([A-Z_]+)` \\|").matcher(doc);
        while (rows.find()) {
            assertThat(ExplanationCode.valueOf(rows.group(1))).isNotNull();
        }
    }
}
