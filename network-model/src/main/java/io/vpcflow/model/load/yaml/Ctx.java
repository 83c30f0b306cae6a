package io.vpcflow.model.load.yaml;

import io.vpcflow.model.AwsIpRanges;
import io.vpcflow.model.InternetHost;
import io.vpcflow.model.Network;
import io.vpcflow.model.PrefixList;
import io.vpcflow.model.Subnet;
import io.vpcflow.model.Vpc;
import io.vpcflow.model.load.Location;
import io.vpcflow.model.load.Problem;
import io.vpcflow.model.net.Cidr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.yaml.snakeyaml.nodes.Node;

/**
 * State of one YAML load: the entities built so far, where each came from, the problems found, and the steps that
 * must wait until the whole file has been read (address allocation, references to endpoint services).
 */
final class Ctx {
    final String file;
    final Network.Builder builder = Network.builder();
    final List<Problem> problems = new ArrayList<>();
    final Map<String, Location> locations = new LinkedHashMap<>();
    final Map<String, Vpc> vpcs = new HashMap<>();
    final Map<String, Subnet> subnets = new HashMap<>();
    final Map<String, String> hosts = new HashMap<>();
    /** Endpoint service id to its service name, for interface endpoints that name the id. */
    final Map<String, String> endpointServiceNames = new HashMap<>();
    /** Interface id to its VPC, as soon as the interface is declared (it is built only when the file is read). */
    final Map<String, String> interfaceVpcs = new HashMap<>();
    final Set<Integer> usedIps = new HashSet<>();
    private final List<Runnable> finishers = new ArrayList<>();
    private final Map<String, String> managedPrefixLists = new HashMap<>();

    Ctx(String file) {
        this.file = file;
    }

    Location at(Node node) {
        return new Location(file, node == null ? 0 : node.getStartMark().getLine() + 1);
    }

    void error(Node node, String entityId, String message, String fix) {
        problems.add(Problem.error(at(node), entityId, message, fix));
    }

    void warning(Node node, String entityId, String message, String fix) {
        problems.add(Problem.warning(at(node), entityId, message, fix));
    }

    /**
     * Claims {@code id} for the entity read at {@code node}. Ids are unique across every kind (AWS ids carry their
     * kind in the prefix); a second use is an error and the caller drops the entity, as the Network builder would.
     */
    boolean register(String id, Node node) {
        Location previous = locations.get(id);
        if (previous != null) {
            error(node, id, "duplicate id " + id + ", first declared at " + previous,
                    "give each entity its own id");
            return false;
        }
        locations.put(id, at(node));
        return true;
    }

    /** {@code wanted}, or {@code wanted-2}, {@code wanted-3} ... if the file already uses it: for derived ids. */
    String freeId(String wanted) {
        String id = wanted;
        for (int n = 2; locations.containsKey(id); n++) {
            id = wanted + "-" + n;
        }
        return id;
    }

    /** Builds a record, turning a constructor's IllegalArgumentException into a problem at {@code node}. */
    <T> T build(Node node, String entityId, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            error(node, entityId, e.getMessage(), "correct the value at this line");
            return null;
        }
    }

    /** Runs {@code step} after the whole file has been read, in registration order. */
    void later(Runnable step) {
        finishers.add(step);
    }

    void finish() {
        for (int i = 0; i < finishers.size(); i++) {
            finishers.get(i).run();
        }
    }

    void addHost(String name, String ip, Node node) {
        if (register(name, node)) {
            InternetHost host = build(node, name, () -> new InternetHost(name, ip));
            if (host != null) {
                builder.add(host);
                hosts.put(name, ip);
            }
        }
    }

    /**
     * The id of AWS's managed prefix list for a gateway-endpoint service in a Region, created on first use from the
     * bundled ip-ranges. The id is derived from the list name so that it is the same on every load.
     */
    String managedPrefixList(String service, String region, Node node) {
        String name = "com.amazonaws." + region + "." + service.toLowerCase(Locale.ROOT);
        return managedPrefixLists.computeIfAbsent(name, n -> {
            String id = String.format("pl-%08x", n.hashCode());
            List<Cidr> cidrs = AwsIpRanges.bundled().prefixes(service, region);
            if (cidrs.isEmpty()) {
                warning(node, id, "the bundled ip-ranges have no " + service + " prefixes in " + region,
                        "check the Region name");
            }
            locations.putIfAbsent(id, at(node));
            builder.add(new PrefixList(id, n, cidrs));
            return id;
        });
    }

    /**
     * Resolves a prefix-list reference: {@code pl-s3}, {@code pl-dynamodb} or a full AWS list name
     * ({@code com.amazonaws.us-east-1.s3}) become the managed list's id; anything else is taken as an id.
     */
    String prefixListRef(String ref, String region, Node node) {
        String lower = ref.toLowerCase(Locale.ROOT);
        if (lower.equals("pl-s3") || lower.equals("pl-dynamodb")) {
            return managedPrefixList(lower.substring(3).toUpperCase(Locale.ROOT), region, node);
        }
        if (lower.startsWith("com.amazonaws.") && (lower.endsWith(".s3") || lower.endsWith(".dynamodb"))) {
            String[] parts = lower.split("\\.");
            return managedPrefixList(parts[parts.length - 1].toUpperCase(Locale.ROOT), parts[2], node);
        }
        return ref;
    }

    static boolean isPrefixListRef(String ref) {
        return ref.startsWith("pl-") || ref.startsWith("com.amazonaws.");
    }
}
