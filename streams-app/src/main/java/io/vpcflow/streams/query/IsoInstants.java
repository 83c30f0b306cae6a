package io.vpcflow.streams.query;

import java.time.Instant;

/**
 * {@link Instant#parse} and {@link Instant#toString} for the common case, without {@code java.time}'s formatter
 * machinery, which was a tenth of a flow-logs request's CPU (two times parsed, a dozen written per answer). Only
 * whole seconds or milliseconds in years 0000-9999 in the form {@code yyyy-MM-ddTHH:mm:ss[.SSS]Z} take the short
 * path; everything else (other fractions, offsets, leap seconds, 24:00, bad text) goes to {@code java.time}, so the
 * results and the errors are exactly those of {@code Instant}.
 */
final class IsoInstants {
    private static final long SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /** As {@link Instant#parse}. */
    static Instant parse(String text) {
        int n = text.length();
        if ((n == 20 || n == 24) && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-' && text.charAt(7) == '-'
                && text.charAt(10) == 'T' && text.charAt(13) == ':' && text.charAt(16) == ':'
                && (n == 20 || text.charAt(19) == '.')) {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            int milli = n == 24 ? digits(text, 20, 3) : 0;
            if (year >= 0 && month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month) && hour >= 0
                    && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59 && milli >= 0) {
                long seconds = daysFromEpoch(year, month, day) * SECONDS_PER_DAY + hour * 3600L + minute * 60L
                        + second;
                return Instant.ofEpochSecond(seconds, milli * 1_000_000L);
            }
        }
        return Instant.parse(text);
    }

    /** As {@link Instant#toString}. */
    static String format(Instant t) {
        int nano = t.getNano();
        long days = Math.floorDiv(t.getEpochSecond(), SECONDS_PER_DAY);
        long secondOfDay = Math.floorMod(t.getEpochSecond(), SECONDS_PER_DAY);
        // civil date from days since 1970-01-01 (proleptic Gregorian; H. Hinnant's algorithm)
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long mp = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 0 || year > 9999 || nano % 1_000_000 != 0) {
            return t.toString();
        }
        StringBuilder out = new StringBuilder(24);
        pad(out, year, 4).append('-');
        pad(out, month, 2).append('-');
        pad(out, day, 2).append('T');
        pad(out, secondOfDay / 3600, 2).append(':');
        pad(out, secondOfDay / 60 % 60, 2).append(':');
        pad(out, secondOfDay % 60, 2);
        if (nano != 0) {
            pad(out.append('.'), nano / 1_000_000, 3);
        }
        return out.append('Z').toString();
    }

    /** The number of {@code count} ASCII digits at {@code from}, or -1 if any is not one. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysIn(int year, int month) {
        return switch (month) {
            case 2 -> year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to the civil date (the inverse of the algorithm in {@link #format}). */
    private static long daysFromEpoch(long year, int month, int day) {
        long y = month <= 2 ? year - 1 : year;
        long era = Math.floorDiv(y, 400);
        long yearOfEra = y - era * 400;
        long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097 + dayOfEra - 719_468;
    }

    private static StringBuilder pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
