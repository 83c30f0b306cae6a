package io.vpcflow.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vpcflow.model.net.Cidr;
import io.vpcflow.model.net.CidrTrie;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * AWS's published public address ranges ({@code ip-ranges.json}, IPv4 part), answering which AWS service owns an
 * address (for {@code pkt-src-aws-service}/{@code pkt-dst-aws-service}) and which prefixes a service has in a Region
 * (for S3 and DynamoDB prefix lists).
 */
public final class AwsIpRanges {
    /** One published prefix. */
    public record Range(Cidr cidr, String region, String service) {
    }

    private static final String RESOURCE = "aws-ip-ranges.json";
    private static volatile AwsIpRanges bundled;

    private final List<Range> ranges;
    private final CidrTrie<List<Range>> trie = new CidrTrie<>();

    public AwsIpRanges(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
        for (Range range : this.ranges) {
            trie.computeIfAbsent(range.cidr(), () -> new ArrayList<>(2)).add(range);
        }
    }

    /** The copy of ip-ranges.json shipped with vpcflow (createDate 2022-06-12). */
    public static AwsIpRanges bundled() {
        if (bundled == null) {
            synchronized (AwsIpRanges.class) {
                if (bundled == null) {
                    try (InputStream in = AwsIpRanges.class.getResourceAsStream(RESOURCE)) {
                        bundled = parse(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read bundled " + RESOURCE, e);
                    }
                }
            }
        }
        return bundled;
    }

    public static AwsIpRanges parse(InputStream json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<Range> ranges = new ArrayList<>();
        for (JsonNode prefix : root.path("prefixes")) {
            ranges.add(new Range(Cidr.parse(prefix.path("ip_prefix").asText()), prefix.path("region").asText(),
                    prefix.path("service").asText()));
        }
        return new AwsIpRanges(ranges);
    }

    /**
     * The service code AWS would log for {@code address}, or null when it is not AWS space. AWS shows one code: a
     * specific service (S3, DYNAMODB ...) wins over EC2, which is generic compute space listed beside some service
     * blocks, and EC2 wins over the catch-all AMAZON; within one rank the longest prefix wins.
     */
    public String serviceOf(int address) {
        String best = null;
        int bestRank = -1;
        for (List<Range> atPrefix : trie.allMatches(address)) {
            for (Range range : atPrefix) {
                int rank = rank(range.service());
                if (rank >= bestRank) {
                    best = range.service();
                    bestRank = rank;
                }
            }
        }
        return best;
    }

    private static int rank(String service) {
        return switch (service) {
            case "AMAZON" -> 0;
            case "EC2" -> 1;
            default -> 2;
        };
    }

    public boolean isAwsAddress(int address) {
        return trie.longestMatch(address) != null;
    }

    /** The prefixes of {@code service} (S3, DYNAMODB ...) in {@code region}. */
    public List<Cidr> prefixes(String service, String region) {
        List<Cidr> result = new ArrayList<>();
        for (Range range : ranges) {
            if (range.service().equalsIgnoreCase(service) && range.region().equals(region)) {
                result.add(range.cidr());
            }
        }
        return result;
    }
}
