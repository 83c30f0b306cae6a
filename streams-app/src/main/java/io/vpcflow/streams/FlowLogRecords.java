package io.vpcflow.streams;

import java.time.Instant;

import io.vpcflow.schemas.avro.FlowLogRecord;
import io.vpcflow.schemas.avro.LogStatus;
import io.vpcflow.schemas.avro.NetworkInterfaceMetadata;

/**
 * How packet events become flow-log records: the TCP flags a record reports, and the NODATA and SKIPDATA markers (a
 * flow's record is built by {@link FlowAggregate} from fields {@link FlowValueFormat} writes).
 */
final class FlowLogRecords {
    static final int FIN = 1;
    static final int SYN = 2;
    static final int RST = 4;
    static final int ACK = 16;
    static final int SYN_ACK = 18;

    private FlowLogRecords() {
    }

    /**
     * The flags AWS reports for one packet: FIN, SYN and RST as they are, SYN together with ACK as SYN-ACK (18); ACK
     * or PSH alone report nothing.
     */
    static int reportedTcpFlags(int flags) {
        int reported = flags & (FIN | SYN | RST);
        if ((flags & SYN) != 0 && (flags & ACK) != 0) {
            reported |= SYN_ACK;
        }
        return reported;
    }

    /** A NODATA record: the interface's metadata, the window as start/end, no flow fields. */
    static FlowLogRecord noData(NetworkInterfaceMetadata eni, Subscription s, long windowStart, long windowEnd) {
        return marker(s, windowStart, windowEnd, LogStatus.NODATA)
                .setAccountId(eni.getAccountId())
                .setInterfaceId(eni.getInterfaceId())
                .setVpcId(eni.getVpcId())
                .setSubnetId(eni.getSubnetId())
                .setInstanceId(eni.getInstanceId())
                .setRegion(eni.getRegion())
                .setAzId(eni.getAzId())
                .build();
    }

    /** A SKIPDATA record for the window of a late event, with the interface fields the event carries. */
    static FlowLogRecord skipData(PacketEventBytes e, Subscription s, long windowStart, long windowEnd) {
        return marker(s, windowStart, windowEnd, LogStatus.SKIPDATA)
                .setAccountId(e.string(PacketEventBytes.ACCOUNT))
                .setInterfaceId(e.string(PacketEventBytes.INTERFACE))
                .setVpcId(e.string(PacketEventBytes.VPC))
                .setSubnetId(e.string(PacketEventBytes.SUBNET))
                .setInstanceId(e.string(PacketEventBytes.INSTANCE))
                .setRegion(e.string(PacketEventBytes.REGION))
                .setAzId(e.string(PacketEventBytes.AZ))
                .setSublocationType(e.string(PacketEventBytes.SUBLOCATION_TYPE))
                .setSublocationId(e.string(PacketEventBytes.SUBLOCATION_ID))
                .build();
    }

    private static FlowLogRecord.Builder marker(Subscription s, long windowStart, long windowEnd, LogStatus status) {
        return FlowLogRecord.newBuilder()
                .setVersion(s.format().version())
                .setStart(Instant.ofEpochMilli(windowStart))
                .setEnd(Instant.ofEpochMilli(windowEnd))
                .setLogStatus(status)
                .setSubscriptionId(s.id());
    }
}
