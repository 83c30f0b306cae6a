package io.vpcflow.streams;

import java.io.IOException;
import java.net.InetSocketAddress;

import com.sun.net.httpserver.HttpServer;

/**
 * Creates the JDK HTTP servers of the query API and the metrics endpoint with TCP_NODELAY on their connections. The
 * JDK server writes a response's headers and body separately; without TCP_NODELAY, Nagle's algorithm holds the body
 * until the client's delayed ACK, about 40 ms per request (measured: a local-key query's p50 fell from 46 ms to 5 ms
 * at 100 requests/s with it on). The JDK reads the setting once, when its first server is created, so it is set
 * here, before that, unless the user set it.
 */
public final class HttpServers {
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private HttpServers() {
    }

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        return HttpServer.create(address, backlog);
    }
}
