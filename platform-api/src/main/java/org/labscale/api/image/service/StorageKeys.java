package org.labscale.api.image.service;

import java.util.UUID;

/**
 * The S3 key layout of a lab's data. Everything of a lab lives under {@code labs/{labId}/}, so deleting a lab is one
 * prefix delete and no key is ever shared between labs:
 * <pre>
 * labs/{labId}/blobs/sha256/{hex}              originals of images and annotation masks and model members (ONNX),
 *                                              by content (deduplicated within the lab; a blob lives while an image,
 *                                              annotation_version or model_member row of the lab has that sha256)
 * labs/{labId}/previews/{imageId}.png          1024 px preview of an image
 * labs/{labId}/thumbs/{imageId}.png            256 px thumbnail of an image
 * labs/{labId}/class-maps/{versionId}.png      3-class map derived from an annotation version (8-bit PNG)
 * labs/{labId}/staging/{uploadId}              a presigned upload waiting for completion
 * labs/{labId}/jobs/{jobId}/{leaseId}/{name}   an output a job's attempt stored (each lease its own prefix)
 * </pre>
 */
public final class StorageKeys {

    private StorageKeys() {
    }

    /** Everything every attempt of a job stored. */
    public static String jobPrefix(UUID labId, UUID jobId) {
        return labPrefix(labId) + "jobs/" + jobId + "/";
    }

    /** An output of one attempt (lease) of a job. */
    public static String jobOutput(UUID labId, UUID jobId, UUID leaseId, String name) {
        return jobPrefix(labId, jobId) + leaseId + "/" + name;
    }

    public static String labPrefix(UUID labId) {
        return "labs/" + labId + "/";
    }

    public static String blob(UUID labId, String sha256) {
        return labPrefix(labId) + "blobs/sha256/" + sha256;
    }

    public static String preview(UUID labId, UUID imageId) {
        return labPrefix(labId) + "previews/" + imageId + ".png";
    }

    public static String thumbnail(UUID labId, UUID imageId) {
        return labPrefix(labId) + "thumbs/" + imageId + ".png";
    }

    public static String classMap(UUID labId, UUID annotationVersionId) {
        return labPrefix(labId) + "class-maps/" + annotationVersionId + ".png";
    }

    public static String staging(UUID labId, UUID uploadId) {
        return stagingPrefix(labId) + uploadId;
    }

    /** Where a lab's presigned uploads are staged. */
    public static String stagingPrefix(UUID labId) {
        return labPrefix(labId) + "staging/";
    }
}
