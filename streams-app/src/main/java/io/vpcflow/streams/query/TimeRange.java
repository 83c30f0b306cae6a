package io.vpcflow.streams.query;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code [from, to)} of a request; by default the last hour. */
record TimeRange(Instant from, Instant to) {
    static final Duration DEFAULT_SPAN = Duration.ofHours(1);

    static TimeRange of(Params params, Clock clock) {
        Instant to = params.instant("to", clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Instant from = params.instant("from", to.minus(DEFAULT_SPAN).isBefore(Instant.EPOCH) ? Instant.EPOCH
                : to.minus(DEFAULT_SPAN));
        if (!from.isBefore(to)) {
            throw QueryException.badRequest("parameter 'from' (" + from + ") must be before 'to' (" + to + ")");
        }
        return new TimeRange(from, to);
    }

    /** Widened to whole minutes, the resolution of the traffic and reject totals. */
    TimeRange toMinutes() {
        long start = StoreKeys.minute(from.toEpochMilli());
        long end = StoreKeys.minute(to.toEpochMilli() + StoreKeys.MINUTE_MS - 1);
        return new TimeRange(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
    }

    String query() {
        return "from=" + IsoInstants.format(from) + "&to=" + IsoInstants.format(to);
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from.toString());
        m.put("to", to.toString());
        return m;
    }
}
