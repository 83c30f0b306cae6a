package io.vpcflow.model.load.aws;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field access for AWS {@code describe-*} JSON. Absent, null and blank values all read as null, because the CLI
 * leaves fields out as often as it writes them empty.
 */
final class DescribeJson {
    /** A Region name at the start of a zone name or alone: us-east-1, us-gov-west-1, us-west-2 in us-west-2-lax-1a. */
    private static final Pattern REGION = Pattern.compile("^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d+)");

    private DescribeJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }

    static boolean bool(JsonNode node, String field, boolean absent) {
        JsonNode value = node.path(field);
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual()) {
            return Boolean.parseBoolean(value.textValue());
        }
        return absent;
    }

    /** An integer field, or {@code absent}; a value that is not a whole number is an error naming the field. */
    static int integer(JsonNode node, String field, int absent) {
        JsonNode value = node.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return absent;
        }
        if (value.isIntegralNumber()) {
            return value.intValue();
        }
        try {
            return Integer.parseInt(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is '" + value.asText() + "', expected a whole number");
        }
    }

    /** The elements of an array field; none when it is absent. */
    static List<JsonNode> array(JsonNode node, String field) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode value = node.path(field);
        if (value.isArray()) {
            value.forEach(items::add);
        }
        return items;
    }

    /** {@code field[].subField} as text, or the array's own strings when {@code subField} is null. */
    static List<String> texts(JsonNode node, String field, String subField) {
        List<String> values = new ArrayList<>();
        for (JsonNode item : array(node, field)) {
            String value = subField == null ? (item.isTextual() ? item.textValue() : null) : text(item, subField);
            if (value != null && !value.isBlank()) {
                values.add(value);
            }
        }
        return values;
    }

    /** The value of the {@code Name} tag (Tags, or TagSet for network interfaces), or null. */
    static String nameTag(JsonNode node) {
        List<JsonNode> tags = array(node, "Tags");
        if (tags.isEmpty()) {
            tags = array(node, "TagSet");
        }
        for (JsonNode tag : tags) {
            if ("Name".equals(text(tag, "Key"))) {
                return text(tag, "Value");
            }
        }
        return null;
    }

    /** An IPv4 CIDR field, or null when absent; malformed text is an error naming the value. */
    static Cidr cidr(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Cidr.parse(text);
    }

    /** The Region a zone name (us-east-2b) or an ARN's region field belongs to, or null. */
    static String regionOf(String zoneOrRegion) {
        if (zoneOrRegion == null) {
            return null;
        }
        Matcher matcher = REGION.matcher(zoneOrRegion);
        return matcher.find() ? matcher.group(1) : null;
    }

    static boolean isRegionName(String name) {
        return name != null && name.equals(regionOf(name));
    }

    /** Field {@code index} of an ARN ({@code arn:partition:service:region:account:resource}), or null. */
    static String arnField(String arn, int index) {
        if (arn == null || !arn.startsWith("arn:")) {
            return null;
        }
        String[] parts = arn.split(":", 6);
        return parts.length > index && !parts[index].isBlank() ? parts[index] : null;
    }
}
