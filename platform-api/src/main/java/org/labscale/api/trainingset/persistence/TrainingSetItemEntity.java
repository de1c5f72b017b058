package org.labscale.api.trainingset.persistence;

import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One frozen (image, annotation version, channel roles, pixel size) entry of a training-set version. The schema
 * references the image and annotation version without cascade, so frozen data cannot be deleted from under a version;
 * the pixel size is copied, so editing the image's later does not change what the version trains on.
 */
@Entity
@Table(name = "training_set_item")
public class TrainingSetItemEntity extends PanacheEntityBase {

    @Id
    public UUID id;
    @Column(name = "training_set_version_id")
    public UUID trainingSetVersionId;
    public int position;
    @Column(name = "image_id")
    public UUID imageId;
    @Column(name = "annotation_version_id")
    public UUID annotationVersionId;
    /** Channel index (as a string) to role, e.g. {"0": "phase", "1": "nuclear"}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "channel_roles", columnDefinition = "jsonb")
    public Map<String, String> channelRoles;
    /** The image's micrometres per pixel when the version was frozen; null: unknown. */
    @Column(name = "pixel_size_um")
    public Double pixelSizeUm;

    /**
     * Item {@code position} of a version: an image, its frozen annotation version, channel roles and pixel size,
     * persisted.
     */
    public static void create(UUID versionId, int position, UUID imageId, UUID annotationVersionId,
                              Map<String, String> channelRoles, Double pixelSizeUm) {
        TrainingSetItemEntity item = new TrainingSetItemEntity();
        item.id = UUID.randomUUID();
        item.trainingSetVersionId = versionId;
        item.position = position;
        item.imageId = imageId;
        item.annotationVersionId = annotationVersionId;
        item.channelRoles = channelRoles;
        item.pixelSizeUm = pixelSizeUm;
        item.persist();
    }
}
