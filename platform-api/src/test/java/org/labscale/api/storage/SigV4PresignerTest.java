package org.labscale.api.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MinioClient;
import io.minio.http.Method;

import org.junit.jupiter.api.Test;

/** Our presigned URLs against the MinIO client's for the same request and instant. */
class SigV4PresignerTest {

    private static final String ENDPOINT = "http://127.0.0.1:8380";
    private final MinioClient minio = MinioClient.builder().endpoint(ENDPOINT).region("us-east-1")
            .credentials("labscale", "s3cr3t/key+").build();
    private final SigV4Presigner presigner = new SigV4Presigner(ENDPOINT, "us-east-1", "labscale", "s3cr3t/key+");

    @Test
    void signsAPutAsTheMinioClientDoes() throws Exception {
        assertSameAsMinio(Method.PUT, "labs/7f/jobs/1a/lease/labels.tiff", Map.of());
    }

    @Test
    void signsKeysWithSpacesAndNonAsciiCharacters() throws Exception {
        assertSameAsMinio(Method.GET, "labs/7f/images/nuclei day 1 (µm).tif", Map.of());
    }

    @Test
    void signsExtraQueryParameters() throws Exception {
        assertSameAsMinio(Method.GET, "labs/7f/images/a.tif",
                Map.of("response-content-disposition", "attachment; filename=\"a b.tif\""));
    }

    @Test
    void aDifferentSecretGivesADifferentSignature() {
        Instant now = Instant.parse("2026-11-25T17:00:00Z");
        String ours = presigner.presign("PUT", "labscale", "k", Duration.ofMinutes(5), Map.of(), now);
        String other = new SigV4Presigner(ENDPOINT, "us-east-1", "labscale", "another")
                .presign("PUT", "labscale", "k", Duration.ofMinutes(5), Map.of(), now);
        assertNotEquals(query(ours).get("X-Amz-Signature"), query(other).get("X-Amz-Signature"));
    }

    private void assertSameAsMinio(Method method, String key, Map<String, String> params) throws Exception {
        String theirs = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(method)
                .bucket("labscale").object(key).expiry(300, TimeUnit.SECONDS).extraQueryParams(params).build());
        Instant at = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                .parse(query(theirs).get("X-Amz-Date"), Instant::from);
        String ours = presigner.presign(method.name(), "labscale", key, Duration.ofSeconds(300), params, at);
        assertEquals(query(theirs), query(ours), "query of " + ours + " vs " + theirs);
        assertEquals(URI.create(theirs).getRawPath(), URI.create(ours).getRawPath());
        assertEquals(URI.create(theirs).getAuthority(), URI.create(ours).getAuthority());
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new TreeMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }
}
