package io.vpcflow.cli;

import java.util.function.Supplier;

import io.vpcflow.streams.sink.FlowLogFileSink;
import io.vpcflow.streams.sink.S3UploadConfig;

/** The demo's {@code --s3-*} flags as the file sink's upload settings; a bad value is a {@link UserError}. */
final class DemoS3Options {

    private DemoS3Options() {
    }

    /** The upload the flags ask for, or {@code null} without {@code --s3-bucket}. */
    static S3UploadConfig upload(String bucket, String endpoint, String region, boolean pathStyle) {
        if (bucket == null) {
            if (endpoint != null || region != null || pathStyle) {
                throw new UserError("--s3-endpoint, --s3-region and --s3-path-style apply to the upload that"
                        + " --s3-bucket turns on; pass --s3-bucket too");
            }
            return null;
        }
        S3UploadConfig upload = S3UploadConfig.of(check("--s3-bucket", () -> S3UploadConfig.checkBucket(bucket)))
                .withPathStyle(pathStyle);
        if (endpoint != null) {
            upload = upload.withEndpoint(check("--s3-endpoint", () -> S3UploadConfig.parseEndpoint(endpoint)));
        }
        if (region != null) {
            upload = upload.withRegion(check("--s3-region", () -> S3UploadConfig.checkRegion(region)));
        }
        return upload;
    }

    /** Starts the sink; an S3 client the SDK cannot set up (no Region anywhere) is the user's to fix. */
    static void start(FlowLogFileSink sink) {
        try {
            sink.start();
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private static <T> T check(String flag, Supplier<T> value) {
        try {
            return value.get();
        } catch (IllegalArgumentException e) {
            throw new UserError(flag + ": " + e.getMessage());
        }
    }
}
