package io.vpcflow.streams.sink;

import java.time.Duration;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/** Builds the S3 client of an {@link S3UploadConfig}: the JDK's HTTP client, credentials from the default chain. */
public final class S3Clients {
    /** Without an endpoint or a Region the SDK asks its default chain; with an endpoint this one signs. */
    static final Region ENDPOINT_DEFAULT_REGION = Region.US_EAST_1;

    private S3Clients() {
    }

    /**
     * The client; an {@link IllegalArgumentException} saying what to set when the SDK finds no Region. Credentials
     * are looked up at the first request, so a missing one shows up as failed (counted, retried) uploads.
     */
    public static S3Client create(S3UploadConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .forcePathStyle(config.pathStyle())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMinutes(5)));
        if (config.region() != null) {
            builder.region(Region.of(config.region()));
        } else if (config.endpoint() != null) {
            builder.region(ENDPOINT_DEFAULT_REGION);
        }
        if (config.endpoint() != null) {
            // S3-compatible stores do not all decode aws-chunked bodies (s3rver stores the chunk framing and
            // keeps "aws-chunked" in Content-Encoding), the SDK's framing for streamed signing and CRC trailers: send
            // plain bodies; the uploader's Content-MD5 still protects them
            builder.endpointOverride(config.endpoint())
                    .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new IllegalArgumentException("cannot set up the S3 client for bucket " + config.bucket() + ": "
                    + e.getMessage() + " (set s3-region, or AWS_REGION)", e);
        }
    }
}
