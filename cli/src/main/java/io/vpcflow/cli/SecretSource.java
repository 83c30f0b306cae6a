package io.vpcflow.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where a secret flag's value comes from: {@code file:PATH} (the file's text, without its trailing line break) or
 * {@code env:NAME} (an environment variable). A secret given as the flag's value itself would show in {@code ps} and
 * in the shell history, so that is refused. Error messages name the flag, the file or the variable, never the secret.
 */
final class SecretSource {
    private SecretSource() {
    }

    /** The secret that {@code reference} points to, or a {@link UserError} naming {@code flag}. */
    static String read(String flag, String reference, Map<String, String> env) {
        if (reference.startsWith("file:")) {
            return fromFile(flag, Path.of(reference.substring("file:".length())));
        }
        if (reference.startsWith("env:")) {
            String name = reference.substring("env:".length());
            String value = name.isEmpty() ? null : env.get(name);
            if (value == null || value.isEmpty()) {
                throw new UserError(flag + ": environment variable '" + name + "' is not set or empty");
            }
            return value;
        }
        // the value is not echoed: it may well be the secret itself
        throw new UserError(flag + " takes file:PATH or env:NAME, not the secret itself (a flag's value shows in"
                + " ps and in the shell history)");
    }

    private static String fromFile(String flag, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(flag + ": " + file + ": no such file");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError(flag + ": cannot read " + file + ": " + e.getMessage());
        }
        String secret = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (secret.isEmpty()) {
            throw new UserError(flag + ": " + file + " is empty");
        }
        return secret;
    }
}
