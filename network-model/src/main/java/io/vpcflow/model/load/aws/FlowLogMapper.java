package io.vpcflow.model.load.aws;

import static io.vpcflow.model.load.aws.DescribeJson.integer;
import static io.vpcflow.model.load.aws.DescribeJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.vpcflow.model.FlowLog;
import io.vpcflow.model.FlowLogFields;

/**
 * Flow logs from {@code describe-flow-logs}. Account and Region come from the VPC of the captured resource, else
 * from the file's folder. Transit-gateway flow logs are skipped with a warning: the model has no transit gateways.
 */
final class FlowLogMapper {
    private final LoadContext ctx;

    FlowLogMapper(LoadContext ctx) {
        this.ctx = ctx;
    }

    void flowLogs(DescribeFile file) {
        for (JsonNode item : file.items()) {
            String id = text(item, "FlowLogId");
            String resource = text(item, "ResourceId");
            if (resource != null && resource.startsWith("tgw-")) {
                ctx.warning(file, id, "flow log " + id + " captures transit gateway resource " + resource
                        + ", which the model does not describe; skipped", "none needed");
                continue;
            }
            ctx.add(file, item, id, () -> flowLog(file, item, id, resource), ctx.builder::add);
        }
    }

    private FlowLog flowLog(DescribeFile file, JsonNode item, String id, String resource) {
        String vpcId = ctx.refs.vpcOf(resource);
        String owner = ctx.refs.ownerOf(vpcId);
        String account = owner != null ? owner : ctx.refs.folderOwner(file);
        String trafficType = text(item, "TrafficType");
        String format = text(item, "LogFormat");
        if (format != null) {
            checkFormat(file, id, format);
        }
        return new FlowLog(id, account, ctx.region(file, vpcId), resource,
                trafficType == null ? null : FlowLog.TrafficType.parse(trafficType),
                integer(item, "MaxAggregationInterval", 600), format, destination(item));
    }

    /** AWS wrote the format, so a field vpcflow does not know is a newer one: a warning, and the flow log is kept. */
    private void checkFormat(DescribeFile file, String id, String format) {
        try {
            FlowLogFields.parse(format);
        } catch (IllegalArgumentException e) {
            ctx.warning(file, id, "flow log " + id + ": " + e.getMessage() + " vpcflow knows",
                    "none needed unless records of this flow log are parsed; then add the field to vpcflow");
        }
    }

    /**
     * In vpcflow's short form: {@code s3:<bucket>/<prefix>}, {@code cloud-watch-logs:<log group>},
     * {@code kinesis-data-firehose:<stream>}; an ARN that fits none of them is kept as it is.
     */
    static String destination(JsonNode item) {
        String type = text(item, "LogDestinationType");
        String arn = text(item, "LogDestination");
        String group = text(item, "LogGroupName");
        if ("s3".equals(type) && arn != null && arn.startsWith("arn:") && arn.contains(":::")) {
            return "s3:" + arn.substring(arn.indexOf(":::") + 3);
        }
        if ((type == null || "cloud-watch-logs".equals(type)) && group != null) {
            return "cloud-watch-logs:" + group;
        }
        if ("cloud-watch-logs".equals(type) && arn != null && arn.contains(":log-group:")) {
            String name = arn.substring(arn.indexOf(":log-group:") + ":log-group:".length());
            return "cloud-watch-logs:" + (name.endsWith(":*") ? name.substring(0, name.length() - 2) : name);
        }
        if ("kinesis-data-firehose".equals(type) && arn != null && arn.contains(":deliverystream/")) {
            return "kinesis-data-firehose:" + arn.substring(arn.indexOf(":deliverystream/") + 16);
        }
        return arn;
    }
}
