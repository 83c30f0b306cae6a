package io.vpcflow.model.load;

/** Where an entity was read: a file and, for YAML, a 1-based line (0 when unknown). */
public record Location(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
