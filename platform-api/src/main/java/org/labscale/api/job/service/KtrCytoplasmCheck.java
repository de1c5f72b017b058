package org.labscale.api.job.service;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.api.common.ApiException;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.KtrOptions;
import org.labscale.shared.segmentation.ChannelRoles;

/**
 * Submit-time check of a KTR read-out's cytoplasm model ({@link KtrOptions#cytoplasmModelId()}): the model version is
 * the lab's or one shared with it (else 404 naming {@code payload.ktr.cytoplasmModelId}, exactly as a missing model),
 * its {@code cytoplasmChannelMap} names only roles the model reads, and every channel the model reads exists in the
 * series (400 {@code job.invalid-payload} naming {@code payload.ktr.cytoplasmChannelMap}). Nothing is queued when a
 * check fails.
 */
final class KtrCytoplasmCheck {

    static final String MODEL_FIELD = "payload.ktr.cytoplasmModelId";
    static final String MAP_FIELD = "payload.ktr.cytoplasmChannelMap";

    private KtrCytoplasmCheck() {
    }

    /** @param seriesChannels the channels of each frame of the series */
    @SuppressWarnings("unchecked")
    static void check(UUID labId, KtrOptions ktr, int seriesChannels) {
        if (ktr == null || ktr.cytoplasmModelId() == null) {
            return;
        }
        ModelVersionEntity version = SegmentationModelCheck.version(labId, ktr.cytoplasmModelId(),
                ktr.cytoplasmModelVersion(), "cytoplasm model", MODEL_FIELD);
        Object channels = version.card == null ? null : version.card.get("channels");
        List<String> roles = channels instanceof List<?> list ? (List<String>) list : List.of();
        Map<String, Integer> map = ktr.cytoplasmChannelMap();
        ChannelRoles.unread(map, List.of(roles)).ifPresent(message -> {
            throw invalid("ktr.cytoplasm" + message.substring(0, 1).toUpperCase() + message.substring(1));
        });
        for (int i = 0; i < roles.size(); i++) {
            int channel = ChannelRoles.channel(roles, i, map);
            if (channel >= seriesChannels) {
                throw invalid("The cytoplasm model reads " + roles + "; its '" + roles.get(i) + "' role would read"
                        + " channel " + channel + ", but the series has " + seriesChannels + " channel(s), counted"
                        + " from 0. Map the role to an existing channel in ktr.cytoplasmChannelMap.");
            }
        }
    }

    private static ApiException invalid(String message) {
        return new ApiException(400, "job.invalid-payload", message, Map.of("field", MAP_FIELD, "kind",
                JobKind.TRACKING.name()));
    }
}
