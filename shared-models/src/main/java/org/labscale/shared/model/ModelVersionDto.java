package org.labscale.shared.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One immutable version of a model: the ensemble members a TRAINING job stored and the model card it wrote.
 *
 * @param id      the version's own id (segmentation leases name its members {@code model/<id>/member-<i>.onnx})
 * @param version 1, 2, ... within the model; numbers of deleted versions are not reused
 * @param jobId   the TRAINING job that produced it (null once that job was deleted)
 * @param card    the model card ({@code card.json} as the API validated it)
 * @param members the ensemble's ONNX files in member order
 */
public record ModelVersionDto(UUID id, UUID modelId, int version, UUID jobId, ModelCard card,
                              List<ModelMemberDto> members, Instant createdAt) {

    public ModelVersionDto {
        members = members == null ? List.of() : List.copyOf(members);
    }
}
