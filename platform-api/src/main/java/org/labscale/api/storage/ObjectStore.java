package org.labscale.api.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.minio.BucketExistsArgs;
import io.minio.CopyObjectArgs;
import io.minio.CopySource;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.DeleteError;
import io.minio.messages.DeleteObject;
import io.minio.messages.Item;
import io.minio.http.Method;
import io.quarkus.runtime.Startup;

import org.labscale.api.config.LabscaleConfig;

/**
 * The lab data bucket in S3 (MinIO in production, S3Proxy locally). Every failure is wrapped in a
 * {@link StorageException} that says what was being done.
 */
@ApplicationScoped
public class ObjectStore {

    private final MinioClient client;
    private final SigV4Presigner presigner;
    private final String bucket;
    private final long partSize;

    @Inject
    public ObjectStore(LabscaleConfig config) {
        LabscaleConfig.S3 s3 = config.s3();
        this.client = MinioClient.builder().endpoint(s3.endpoint()).region(s3.region())
                .credentials(s3.accessKey(), s3.secretKey()).build();
        this.presigner = new SigV4Presigner(s3.publicEndpoint().orElse(s3.endpoint()), s3.region(), s3.accessKey(),
                s3.secretKey());
        this.bucket = s3.bucket();
        this.partSize = Math.max(5L * 1024 * 1024, s3.partSize());
    }

    /** Creates the bucket when it is missing. */
    @Startup
    void ensureBucket() {
        run("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
            return null;
        });
    }

    public String bucket() {
        return bucket;
    }

    /** Whether the bucket answers (for health checks). */
    public boolean reachable() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            return false;
        }
    }

    /** Streams a file into {@code key}; memory use is bounded by the part size. */
    public void putFile(String key, Path file, String contentType) {
        run("upload " + key, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType)
                        .stream(in, Files.size(file), partSize).build());
            }
            return null;
        });
    }

    /** Stores small content held in memory (previews, thumbnails). */
    public void putBytes(String key, byte[] bytes, String contentType) {
        run("upload " + key, () -> {
            client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).contentType(contentType)
                    .stream(new java.io.ByteArrayInputStream(bytes), bytes.length, -1).build());
            return null;
        });
    }

    /** Opens an object for streaming; the caller closes it. */
    public InputStream open(String key) {
        return run("download " + key, () -> client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build()));
    }

    /**
     * The whole content of a small object (a thumbnail) in one GET, without asking for its size first; a missing
     * object is our fault, not the caller's.
     */
    public byte[] readSmall(String key) {
        return run("download " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /** Copies an object's content to a local file. */
    public void download(String key, Path target) {
        run("download " + key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return null;
        });
    }

    /** Size in bytes, or -1 when the object does not exist. */
    public long size(String key) {
        return run("inspect " + key, () -> {
            try {
                StatObjectResponse stat = client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
                return stat.size();
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code()) || "NoSuchObject".equals(e.errorResponse().code())) {
                    return -1L;
                }
                throw e;
            }
        });
    }

    public boolean exists(String key) {
        return size(key) >= 0;
    }

    /** Server-side copy. */
    public void copy(String fromKey, String toKey) {
        run("copy " + fromKey + " to " + toKey, () -> {
            client.copyObject(CopyObjectArgs.builder().bucket(bucket).object(toKey)
                    .source(CopySource.builder().bucket(bucket).object(fromKey).build()).build());
            return null;
        });
    }

    /** Deletes an object; deleting a missing one is not an error. */
    public void delete(String key) {
        run("delete " + key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
            return null;
        });
    }

    /** Keys of the objects whose key starts with {@code prefix}, in key order. */
    public List<String> list(String prefix) {
        return run("list " + prefix, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> item : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                keys.add(item.get().objectName());
            }
            return keys;
        });
    }

    /** An object's key and when it was last written. */
    public record Listed(String key, Instant lastModified) {
    }

    /** The objects whose key starts with {@code prefix}, in key order, with when each was last written. */
    public List<Listed> listWithTimes(String prefix) {
        return run("list " + prefix, () -> {
            List<Listed> objects = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder().bucket(bucket).prefix(prefix)
                    .recursive(true).build())) {
                Item item = result.get();
                objects.add(new Listed(item.objectName(), item.lastModified().toInstant()));
            }
            return objects;
        });
    }

    /** Deletes every object whose key starts with {@code prefix} (in batches of up to 1,000); returns how many. */
    public int deletePrefix(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            throw new IllegalArgumentException("refusing to delete the whole bucket: prefix is empty");
        }
        List<String> keys = list(prefix);
        for (int from = 0; from < keys.size(); from += 1000) {
            List<DeleteObject> batch = keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
                    .map(DeleteObject::new).toList();
            run("delete objects under " + prefix, () -> {
                for (Result<DeleteError> error : client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket)
                        .objects(batch).build())) {
                    DeleteError e = error.get();
                    throw new IOException("could not delete " + e.objectName() + ": " + e.message());
                }
                return null;
            });
        }
        return keys.size();
    }

    /** A presigned URL for a plain-HTTP PUT of the object's bytes. */
    public String presignPut(String key, Duration ttl) {
        return presign(Method.PUT, key, ttl, Map.of());
    }

    /** A presigned PUT URL that only accepts a body of exactly {@code sizeBytes} (its Content-Length is signed). */
    public String presignPut(String key, Duration ttl, long sizeBytes) {
        return presigner.presign(Method.PUT.name(), bucket, key, ttl, Map.of(), sizeBytes, Instant.now());
    }

    /** A presigned GET URL, optionally naming the file the browser saves. */
    public String presignGet(String key, Duration ttl, String downloadName) {
        Map<String, String> params = downloadName == null ? Map.of()
                : Map.of("response-content-disposition", "attachment; filename=\"" + downloadName.replace("\"", "") + "\"");
        return presign(Method.GET, key, ttl, params);
    }

    /** Signed locally (no request to S3), with the wall clock the S3 server checks the URL's age against. */
    private String presign(Method method, String key, Duration ttl, Map<String, String> params) {
        return presigner.presign(method.name(), bucket, key, ttl, params, Instant.now());
    }

    private <T> T run(String what, StorageCall<T> call) {
        try {
            return call.call();
        } catch (IOException e) {
            throw new StorageException("Object storage failed to " + what + ": " + e.getMessage(), e);
        } catch (Exception e) {
            throw new StorageException("Object storage failed to " + what + ": " + e, e);
        }
    }

    @FunctionalInterface
    private interface StorageCall<T> {
        T call() throws Exception;
    }
}
