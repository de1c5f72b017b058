package org.labscale.api.model.persistence;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

import org.hibernate.annotations.Immutable;

/** One ensemble member (ONNX file) of a model version; its bytes are the lab's blob of {@code sha256}. */
@Entity
@Immutable
@IdClass(ModelMemberEntity.Key.class)
@Table(name = "model_member")
public class ModelMemberEntity extends PanacheEntityBase {

    @Id
    @Column(name = "model_version_id")
    public UUID modelVersionId;
    @Id
    @Column(name = "member_index")
    public int memberIndex;
    @Column(name = "lab_id")
    public UUID labId;
    public String sha256;
    @Column(name = "size_bytes")
    public long sizeBytes;

    public static List<ModelMemberEntity> ofVersion(UUID versionId) {
        return list("modelVersionId = ?1 order by memberIndex", versionId);
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public UUID modelVersionId;
        public int memberIndex;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(modelVersionId, k.modelVersionId)
                    && memberIndex == k.memberIndex;
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(modelVersionId, memberIndex);
        }
    }
}
