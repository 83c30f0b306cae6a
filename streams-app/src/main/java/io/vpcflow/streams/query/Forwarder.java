package io.vpcflow.streams.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.streams.state.HostInfo;

/** Sends a query to another instance; a refused, failed or timed-out request is a 503 for the caller. */
final class Forwarder {
    /** An instance's answer: status and JSON body (UTF-8). */
    record Answer(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final HttpClient client;
    private final Duration timeout;

    Forwarder(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    CompletableFuture<Answer> get(HostInfo host, String pathAndQuery) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + pathAndQuery)).timeout(timeout).header(QueryServer.FORWARDED_HEADER, "1").GET().build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(r -> new Answer(r.statusCode(), r.body()));
    }

    /** Waits for {@code answer}; a failure becomes a 503 that names the instance. */
    static Answer await(HostInfo host, CompletableFuture<Answer> answer) {
        try {
            return answer.join();
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof IOException || cause instanceof java.net.http.HttpTimeoutException
                    ? cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                    : cause.toString();
            throw QueryException.unavailable("instance " + host + " did not answer (" + why + ")");
        }
    }
}
