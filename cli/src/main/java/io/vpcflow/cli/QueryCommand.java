package io.vpcflow.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vpcflow.streams.query.QueryConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vpcflow query}: asks a running streams app's query API and prints its JSON answer. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Asks the interactive-query API of a running streams app (any instance: it forwards to the"
                + " one that owns the data) and prints the JSON answer.",
                "Endpoints and their parameters (see streams-app/src/main/resources/openapi.yaml):",
                "  flow-logs    interface=eni-.. [from=..] [to=..] [limit=..] [offset=..]",
                "  top-talkers  [by=vpc|subnet|interface] [metric=bytes|packets] [vpc=..] [from=..] [to=..]",
                "  rejects      [vpc=..] [from=..] [to=..]",
                "  findings     [type=..] [severity=LOW|MEDIUM|HIGH] [resource=..] [from=..] [to=..]",
                "  finding      id=..",
                "  explain      from=.. to=.. [protocol=tcp] [port=..] [src-port=..] [reply=true]",
                "  instance, health",
                "Lists take limit= and offset=; data endpoints take stale=true to accept answers from standby"
                        + " replicas during a rebalance. Times are ISO-8601 UTC or epoch milliseconds.",
                "Exit codes: 0 answered, 2 bad input (the API's 4xx message is printed), 1 unreachable or"
                        + " unavailable (503: retry)."})
final class QueryCommand implements Callable<Integer> {
    static final List<String> ENDPOINTS = List.of("flow-logs", "top-talkers", "rejects", "findings", "finding",
            "explain", "instance", "health");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ENDPOINT", description = "one of: ${COMPLETION-CANDIDATES}",
            completionCandidates = Endpoints.class)
    String endpoint;

    @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "query parameters")
    List<String> params = new ArrayList<>();

    @Option(names = "--url", description = "base URL of any streams instance (default: ${DEFAULT-VALUE})",
            defaultValue = "http://127.0.0.1:" + QueryConfig.DEFAULT_PORT)
    String url;

    @Option(names = "--timeout", description = "seconds to wait for the answer (default: ${DEFAULT-VALUE})",
            defaultValue = "30")
    int timeoutSeconds;

    static final class Endpoints extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        Endpoints() {
            super(ENDPOINTS);
        }
    }

    @Override
    public Integer call() throws Exception {
        URI uri = uri();
        if (timeoutSeconds < 1) {
            throw new UserError("--timeout must be at least 1 second, got " + timeoutSeconds);
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(timeoutSeconds)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: cannot reach the query API at " + url + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); is the streams app running with its query API there?");
            return 1;
        }
        return print(response);
    }

    private URI uri() {
        if (!ENDPOINTS.contains(endpoint)) {
            throw new UserError("unknown endpoint '" + endpoint + "'; use one of " + String.join(", ", ENDPOINTS));
        }
        List<String> query = new ArrayList<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new UserError("parameter '" + p + "' is not NAME=VALUE (e.g. interface=eni-0a1)");
            }
            query.add(encode(p.substring(0, eq)) + "=" + encode(p.substring(eq + 1)));
        }
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        try {
            URI uri = URI.create(base + "/v1/" + endpoint + (query.isEmpty() ? "" : "?" + String.join("&", query)));
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL with a host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UserError("--url '" + url + "' is not usable: " + e.getMessage());
        }
    }

    private int print(HttpResponse<String> response) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            spec.commandLine().getErr().println("error: " + url + " answered " + response.statusCode()
                    + " with something that is not JSON; is it a vpcflow query API?");
            return 1;
        }
        int status = response.statusCode();
        if (status == 200) {
            spec.commandLine().getOut().println(json.writeValueAsString(body));
            return 0;
        }
        String message = body.hasNonNull("error") ? body.get("error").asText() : body.toString();
        if (status == 503) {
            String retry = response.headers().firstValue("Retry-After").orElse("1");
            spec.commandLine().getErr().println("error: unavailable now, retry in " + retry + " s: " + message);
            return 1;
        }
        spec.commandLine().getErr().println("error: " + message);
        return status >= 400 && status < 500 ? VpcflowCli.BAD_INPUT : 1;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
