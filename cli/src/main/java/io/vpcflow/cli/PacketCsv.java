package io.vpcflow.cli;

import io.vpcflow.model.net.Protocol;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CSV of attempted packets that {@code vpcflow simulate} reads (documented in docs/simulate.md):
 * {@code time,from,to,protocol,src_port,dst_port,packets,bytes,tcp_flags,reply}. Blank lines, {@code #} comments and
 * a header line starting with {@code time} are skipped; a bad row is reported with its line number and skipped.
 */
final class PacketCsv {
    /** One row: a packet (or a train of {@code packets} packets) attempted at {@code timeMillis}. */
    record Row(int line, long timeMillis, PacketRequest request, long packets, long bytes) {
    }

    /** The good rows and one message per bad row. */
    record Rows(List<Row> rows, List<String> errors) {
    }

    private PacketCsv() {
    }

    static Rows read(BufferedReader in, String name) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int number = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.toLowerCase(Locale.ROOT).startsWith("time,")) {
                continue;
            }
            try {
                rows.add(row(number, trimmed.split(",", -1)));
            } catch (IllegalArgumentException e) {
                errors.add(name + ":" + number + ": " + e.getMessage() + " (row skipped)");
            }
        }
        return new Rows(rows, errors);
    }

    private static Row row(int line, String[] f) {
        if (f.length < 4 || f.length > 10) {
            throw new IllegalArgumentException("expected 4 to 10 columns (time,from,to,protocol,src_port,dst_port,"
                    + "packets,bytes,tcp_flags,reply), found " + f.length);
        }
        long time = time(f[0].strip());
        int protocol = Protocol.parse(f[3].strip());
        int srcPort = number(column(f, 4), "src_port", 49152, 0, 65535);
        int dstPort = number(column(f, 5), "dst_port", 0, 0, 65535);
        if (Protocol.hasPorts(protocol) && dstPort == 0) {
            throw new IllegalArgumentException("dst_port is required for " + Protocol.name(protocol));
        }
        long packets = number(column(f, 6), "packets", 1, 1, Integer.MAX_VALUE);
        long bytes = number(column(f, 7), "bytes", 40 * (int) packets, 1, Integer.MAX_VALUE);
        int flags = tcpFlags(column(f, 8));
        boolean reply = bool(column(f, 9));
        PacketRequest request = new PacketRequest(f[1].strip(), f[2].strip(), protocol, srcPort, dstPort, flags,
                8, 0, reply);
        return new Row(line, time, request, packets, bytes);
    }

    private static String column(String[] f, int i) {
        return i < f.length ? f[i].strip() : "";
    }

    /** Epoch seconds, or an ISO-8601 instant such as 2015-05-29T16:30:27Z. */
    private static long time(String text) {
        if (text.matches("\\d+")) {
            return Long.parseLong(text) * 1000;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time '" + text + "' is neither epoch seconds nor an ISO-8601 instant");
        }
    }

    private static int number(String text, String column, int fallback, int min, int max) {
        if (text.isEmpty()) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(column + " '" + text + "' is not a number from " + min + " to " + max);
    }

    /** A number, or flag names joined with '|': FIN, SYN, RST, PSH, ACK. */
    private static int tcpFlags(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.matches("\\d+")) {
            return number(text, "tcp_flags", 0, 0, 255);
        }
        int flags = 0;
        for (String name : text.toUpperCase(Locale.ROOT).split("\\|")) {
            flags |= switch (name.strip()) {
                case "FIN" -> 1;
                case "SYN" -> 2;
                case "RST" -> 4;
                case "PSH" -> 8;
                case "ACK" -> 16;
                default -> throw new IllegalArgumentException("tcp_flags '" + text
                        + "': use a number or names joined with | (FIN, SYN, RST, PSH, ACK)");
            };
        }
        return flags;
    }

    private static boolean bool(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "", "no", "false", "request" -> false;
            case "yes", "true", "reply" -> true;
            default -> throw new IllegalArgumentException("reply '" + text + "': use yes or no");
        };
    }
}
