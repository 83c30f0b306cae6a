package io.vpcflow.streams.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds the flow-log files to read: a file named on the command line is read whatever its name; a directory (an
 * S3-layout tree as {@code aws s3 sync} copies it, or any other) is walked in name order, taking {@code *.log.gz},
 * {@code *.log}, {@code *.gz} and {@code *.txt} files and any other file that looks like text, and leaving out
 * hidden files and directories (such as the file sink's {@code .tmp} files being written).
 */
public final class FlowLogInputs {
    private static final int SNIFF = 8 * 1024;

    private FlowLogInputs() {
    }

    /** The files found, and the files a directory walk left out as not text. */
    public record Found(List<Path> files, List<Path> notText) {
    }

    /**
     * The files under {@code paths}.
     *
     * @throws IllegalArgumentException when a path does not exist or is neither a file nor a directory
     */
    public static Found discover(List<Path> paths) {
        for (Path path : paths) {
            if (!Files.isRegularFile(path) && !Files.isDirectory(path)) {
                throw new IllegalArgumentException(path + ": no such file or directory; give flow-log files or"
                        + " directories of them");
            }
        }
        List<Path> files = new ArrayList<>();
        List<Path> notText = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
                continue;
            }
            for (Path file : walk(path)) {
                (looksLikeFlowLogText(file) ? files : notText).add(file);
            }
        }
        return new Found(List.copyOf(files), List.copyOf(notText));
    }

    private static List<Path> walk(Path directory) {
        try (Stream<Path> all = Files.walk(directory)) {
            return all.filter(Files::isRegularFile).filter(p -> !hidden(directory.relativize(p))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + directory + ": " + e.getMessage(), e);
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** By name, else by content: gzip, or no NUL byte in the first 8 KiB. */
    static boolean looksLikeFlowLogText(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".log.gz") || name.endsWith(".log") || name.endsWith(".gz") || name.endsWith(".txt")) {
            return true;
        }
        try (BufferedInputStream in = new BufferedInputStream(Files.newInputStream(file), SNIFF)) {
            if (FlowLogFileReader.isGzip(in)) {
                return true;
            }
            return !containsNul(in);
        } catch (IOException e) {
            return true;   // unreadable: let the read report it with the file's name
        }
    }

    private static boolean containsNul(InputStream in) throws IOException {
        byte[] head = in.readNBytes(SNIFF);
        for (byte b : head) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
