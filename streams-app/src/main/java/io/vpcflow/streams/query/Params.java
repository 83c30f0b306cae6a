package io.vpcflow.streams.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of one request, checked against the route's known names. Every getter that fails throws a
 * 400 naming the parameter, the value and what would be accepted.
 */
final class Params {
    /** The latest time a request may name. */
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final Map<String, String> values;

    private Params(Map<String, String> values) {
        this.values = values;
    }

    /** Parses a raw query string; unknown and repeated names are errors. */
    static Params parse(String rawQuery, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                if (!known.contains(name)) {
                    throw QueryException.badRequest("unknown parameter '" + name + "'; this endpoint takes "
                            + String.join(", ", new TreeSet<>(known)));
                }
                if (values.put(name, value) != null) {
                    throw QueryException.badRequest("parameter '" + name + "' is given twice");
                }
            }
        }
        return new Params(values);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw QueryException.badRequest("malformed query string: " + e.getMessage());
        }
    }

    boolean has(String name) {
        return values.containsKey(name);
    }

    String string(String name, String fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        if (v.isBlank()) {
            throw QueryException.badRequest("parameter '" + name + "' is empty");
        }
        return v;
    }

    String required(String name) {
        String v = string(name, null);
        if (v == null) {
            throw QueryException.badRequest("parameter '" + name + "' is required");
        }
        return v;
    }

    int integer(String name, int fallback, int min, int max) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw QueryException.badRequest("parameter '" + name + "' = '" + v + "' must be a whole number from " + min
                + " to " + max);
    }

    boolean bool(String name, boolean fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        return switch (v.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw QueryException.badRequest("parameter '" + name + "' = '" + v
                    + "' must be true or false");
        };
    }

    /** An ISO-8601 instant ({@code 2024-03-01T12:00:00Z}) or epoch milliseconds. */
    Instant instant(String name, Instant fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        String t = v.strip();
        try {
            Instant at = t.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(t))
                    : IsoInstants.parse(t);
            if (at.isBefore(Instant.EPOCH) || at.isAfter(LATEST)) {
                throw new DateTimeParseException("out of range", t, 0);
            }
            return at;
        } catch (DateTimeParseException | NumberFormatException e) {
            throw QueryException.badRequest("parameter '" + name + "' = '" + v
                    + "' is not a time; use ISO-8601 UTC such as 2024-03-01T12:00:00Z, or epoch milliseconds");
        }
    }

    /** One of {@code choices}, compared without case. */
    String choice(String name, String fallback, List<String> choices) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        for (String c : choices) {
            if (c.equalsIgnoreCase(v.strip())) {
                return c;
            }
        }
        throw QueryException.badRequest("parameter '" + name + "' = '" + v + "' must be one of "
                + String.join(", ", choices));
    }
}
