package org.labscale.shared.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One immutable version of a model: the ensemble members a TRAINING job stored and the model card it wrote.
 *
 * @param id      the version's own id (segmentation leases name its members {@code model/<id>/member-<i>.onnx})
 * @param version 1, 2, ... within the model
 * @param jobId   the TRAINING job that produced it (null once that job was deleted)
 * @param card    the model card as a JSON object (the fields of {@code ModelCard})
 */
public record ModelVersionDto(UUID id, UUID modelId, int version, UUID jobId, Map<String, Object> card,
                              List<ModelMemberDto> members, Instant createdAt) {

    public ModelVersionDto {
        card = card == null ? Map.of() : card;
        members = members == null ? List.of() : List.copyOf(members);
    }
}
