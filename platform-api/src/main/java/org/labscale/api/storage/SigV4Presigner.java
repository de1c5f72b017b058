package org.labscale.api.storage;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned path-style S3 URLs: AWS Signature Version 4 with query-string authentication and an unsigned payload
 * (AWS, "Authenticating Requests: Using Query Parameters", Amazon S3 API Reference). The same URLs as the MinIO
 * client's presigner (tested signature for signature), but the day's signing key, four HMACs, is derived once per day
 * and region instead of for every URL: a worker's lease presigns one URL per output, hundreds per second.
 */
final class SigV4Presigner {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String endpoint;
    private final String host;
    private final String region;
    private final String accessKey;
    private final String secretKey;
    private volatile SigningKey signingKey;

    /** @param endpoint the URL clients reach the S3 server at, e.g. {@code http://127.0.0.1:8380} */
    SigV4Presigner(String endpoint, String region, String accessKey, String secretKey) {
        URI uri = URI.create(endpoint);
        boolean defaultPort = uri.getPort() == -1
                || ("http".equals(uri.getScheme()) && uri.getPort() == 80)
                || ("https".equals(uri.getScheme()) && uri.getPort() == 443);
        this.host = defaultPort ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
        this.endpoint = uri.getScheme() + "://" + host;
        this.region = region;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    /**
     * A URL that allows {@code method} on {@code bucket/key} for {@code ttl} from {@code now}.
     *
     * @param params extra query parameters signed with the URL (e.g. {@code response-content-disposition})
     */
    String presign(String method, String bucket, String key, Duration ttl, Map<String, String> params, Instant now) {
        return presign(method, bucket, key, ttl, params, null, now);
    }

    /**
     * As {@link #presign(String, String, String, Duration, Map, Instant)}, with {@code Content-Length} signed when
     * {@code contentLength} is not null: the S3 server then refuses (403) a request whose body has any other length.
     */
    String presign(String method, String bucket, String key, Duration ttl, Map<String, String> params,
                   Long contentLength, Instant now) {
        String day = DAY.format(now);
        String scope = day + "/" + region + "/s3/aws4_request";
        Map<String, String> query = new TreeMap<>();
        params.forEach((name, value) -> query.put(encode(name, true), encode(value, true)));
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", encode(accessKey + "/" + scope, true));
        query.put("X-Amz-Date", STAMP.format(now));
        query.put("X-Amz-Expires", Long.toString(ttl.toSeconds()));
        String signedHeaders = contentLength == null ? "host" : "content-length;host";
        query.put("X-Amz-SignedHeaders", encode(signedHeaders, true));
        StringBuilder canonicalQuery = new StringBuilder();
        query.forEach((name, value) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&")
                .append(name).append('=').append(value));
        String path = "/" + bucket + "/" + encode(key, false);
        String canonicalHeaders = (contentLength == null ? "" : "content-length:" + contentLength + "\n")
                + "host:" + host + "\n";
        String canonicalRequest = method + "\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\nUNSIGNED-PAYLOAD";
        String stringToSign = "AWS4-HMAC-SHA256\n" + STAMP.format(now) + "\n" + scope + "\n"
                + HEX.formatHex(sha256(canonicalRequest));
        String signature = HEX.formatHex(hmac(signingKey(day), stringToSign));
        return endpoint + path + "?" + canonicalQuery + "&X-Amz-Signature=" + signature;
    }

    /** The day's signing key: HMAC chain over date, region, service and terminator. */
    private byte[] signingKey(String day) {
        SigningKey cached = signingKey;
        if (cached != null && cached.day().equals(day)) {
            return cached.key();
        }
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(key, region);
        key = hmac(key, "s3");
        key = hmac(key, "aws4_request");
        signingKey = new SigningKey(day, key);
        return key;
    }

    /** RFC 3986 percent-encoding as SigV4 wants it: unreserved characters stay; '/' stays in paths only. */
    static String encode(String text, boolean encodeSlash) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    private record SigningKey(String day, byte[] key) {
    }
}
