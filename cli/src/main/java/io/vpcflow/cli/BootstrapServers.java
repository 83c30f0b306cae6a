package io.vpcflow.cli;

/**
 * Checks a {@code --bootstrap-servers} value before a Kafka client sees it: the client's own error for a malformed
 * list is an exception without the flag's name.
 */
final class BootstrapServers {
    private BootstrapServers() {
    }

    /** The value, or a {@link UserError} naming the flag and the bad entry. */
    static String check(String flag, String value) {
        if (value == null || value.isBlank()) {
            throw new UserError(flag + " is empty; give host:port[,host:port...], such as localhost:9092");
        }
        for (String entry : value.split(",")) {
            String server = entry.strip();
            int colon = server.lastIndexOf(':');
            String port = colon < 0 ? "" : server.substring(colon + 1);
            if (colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) < 1
                    || Integer.parseInt(port) > 65535) {
                throw new UserError(flag + " '" + value + "': '" + server + "' is not host:port with a port 1-65535");
            }
        }
        return value;
    }
}
