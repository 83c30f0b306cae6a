package io.vpcflow.generator;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the ledger as JSON lines ({@link LedgerJson}) to a file, window by window. */
public final class LedgerFile implements Ledger.Listener {
    private final Path path;
    private final BufferedWriter out;

    public LedgerFile(Path path) {
        this.path = path;
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger to " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void window(long windowStart, Map<Ledger.FlowKey, Ledger.Totals> flows) {
        try {
            for (Map.Entry<Ledger.FlowKey, Ledger.Totals> e : flows.entrySet()) {
                out.write(LedgerJson.flow(e.getKey(), e.getValue()));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger to " + path, e);
        }
    }

    @Override
    public void attacks(List<Ledger.AttackEpisode> attacks) {
        try {
            for (Ledger.AttackEpisode a : attacks) {
                out.write(LedgerJson.attack(a));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ledger to " + path, e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the ledger " + path, e);
        }
    }
}
