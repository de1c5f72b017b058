package org.labscale.api.image.persistence;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.PageMode;

/**
 * An uploaded microscopy image of a project. The original lives in S3 under {@link #objectKey} (content-addressed per
 * lab, so several rows of one lab may share it); preview and thumbnail keys are per image.
 */
@Entity
@Table(name = "image")
public class ImageEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "lab_id")
    public UUID labId;
    @Column(name = "project_id")
    public UUID projectId;
    public String name;
    public String format;
    public int width;
    public int height;
    public int channels;
    public int frames;
    @Column(name = "bits_per_sample")
    public int bitsPerSample;
    @Column(name = "sample_type")
    public String sampleType;
    public String compression;
    @Enumerated(EnumType.STRING)
    @Column(name = "page_mode")
    public PageMode pageMode;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "channel_names", columnDefinition = "text[]")
    public String[] channelNames;
    @Column(name = "pixel_size_um")
    public Double pixelSizeUm;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;
    @Column(name = "object_key")
    public String objectKey;
    @Column(name = "preview_key")
    public String previewKey;
    @Column(name = "thumbnail_key")
    public String thumbnailKey;
    @Column(name = "created_by")
    public UUID createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public long version;

    public ImageDto toDto() {
        return new ImageDto(id, projectId, name, format, width, height, channels, frames, bitsPerSample, sampleType,
                compression, pageMode, Arrays.asList(channelNames), pixelSizeUm, sha256, sizeBytes, createdAt,
                updatedAt, version);
    }

    /** Whether any training-set version freezes this image; such an image may not be deleted. */
    public static boolean inTrainingSet(UUID imageId) {
        return ((Number) getEntityManager().createNativeQuery(
                        "select count(*) from training_set_item where image_id = :id")
                .setParameter("id", imageId).getSingleResult()).longValue() > 0;
    }
}
