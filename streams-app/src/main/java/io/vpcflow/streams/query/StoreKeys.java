package io.vpcflow.streams.query;

/**
 * Keys of the query stores. They are Strings compared as UTF-8 bytes by RocksDB, so fixed-width zero-padded numbers
 * keep them in time order: {@code <interface>|<start ms, 13 digits>|<offset, 19 digits>} for flow-log records (one
 * interface's records in time order), {@code <minute ms>|<interface>} for traffic totals and
 * {@code <minute ms>|<interface>|<component, rule, code>} for reject totals (every interface of one minute together).
 */
final class StoreKeys {
    static final long MINUTE_MS = 60_000;
    private static final char SEP = '|';
    /** Sorts after every character keys contain, so {@code prefix + END} bounds a prefix scan. */
    private static final String END = "\uffff";

    private StoreKeys() {
    }

    static String record(String interfaceId, long startMs, long offset) {
        return interfaceId + SEP + pad(startMs, 13) + SEP + pad(offset, 19);
    }

    /** First key of {@code interfaceId}'s records that start at or after {@code fromMs}. */
    static String recordsFrom(String interfaceId, long fromMs) {
        return interfaceId + SEP + pad(fromMs, 13);
    }

    /** A key after every record of {@code interfaceId} that starts before {@code toMs}. */
    static String recordsBefore(String interfaceId, long toMs) {
        return interfaceId + SEP + pad(toMs - 1, 13) + SEP + END;
    }

    static long minute(long timeMs) {
        return Math.floorDiv(timeMs, MINUTE_MS) * MINUTE_MS;
    }

    static String talker(long minuteMs, String interfaceId) {
        return pad(minuteMs, 13) + SEP + interfaceId;
    }

    static String reject(long minuteMs, String interfaceId, String group) {
        return pad(minuteMs, 13) + SEP + interfaceId + SEP + group;
    }

    /** First totals key of the minute {@code fromMinuteMs}. */
    static String minutesFrom(long fromMinuteMs) {
        return pad(fromMinuteMs, 13);
    }

    /** A key after every totals key of minutes before {@code toMs}. */
    static String minutesBefore(long toMs) {
        return pad(toMs - 1, 13) + END;
    }

    private static String pad(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative time or offset " + value);
        }
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }
}
