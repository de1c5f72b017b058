package org.labscale.api.job.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.labscale.api.common.ApiException;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.sharing.service.ModelSharing;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.job.SegmentationPayload;
import org.labscale.shared.segmentation.ChannelRoles;
import org.labscale.shared.segmentation.PostProcessingMethod;

/**
 * Submit-time check of a SEGMENTATION payload's models against the lab and its images: the model (and the nuclear
 * model) exists in the job's lab with the version asked for (the latest when none), or is another lab's version that
 * is public or granted to the job's lab (any other reads exactly as a missing one, 404), every role the {@code channelMap} names is read by one of the models ({@link ChannelRoles},
 * the rule the worker applies again), and the image channels the models read exist. Images named one by one must each
 * have them; for a project or training set the job is refused only when no image has them (the others are reported
 * per image by the worker).
 */
final class SegmentationModelCheck {

    private SegmentationModelCheck() {
    }

    /**
     * @param imageChannels channel count of each image the payload resolves to, in payload order
     * @param listed        whether the images were named one by one ({@code imageIds})
     */
    static void check(UUID labId, SegmentationPayload p, List<Map.Entry<UUID, Integer>> imageChannels,
                      boolean listed) {
        List<String> roles = roles(labId, p.modelId(), p.modelVersion(), "model", "payload.modelId");
        List<String> nuclearRoles = p.nuclearModelId() == null ? List.of()
                : roles(labId, p.nuclearModelId(), p.nuclearModelVersion(), "nuclear model", "payload.nuclearModelId");
        List<List<String>> jobRoles = p.nuclearModelId() == null ? List.of(roles) : List.of(roles, nuclearRoles);
        if (p.nuclearModelId() == null && p.postProcessing() != null
                && p.postProcessing().method() == PostProcessingMethod.ACTIVE_CONTOURS
                && !roles.contains(SegmentationPayload.NUCLEAR_ROLE)) {
            throw invalid("ACTIVE_CONTOURS grows cytoplasm from nuclear seeds: name a nuclear model in nuclearModelId,"
                    + " or use a model that reads a '" + SegmentationPayload.NUCLEAR_ROLE + "' channel (its nuclei"
                    + " are then found in that channel by a threshold); this model reads " + roles + ".",
                    Map.of("field", "payload.nuclearModelId"));
        }
        ChannelRoles.unread(p.channelMap(), jobRoles).ifPresent(message -> {
            throw invalid(message, Map.of("field", "payload.channelMap"));
        });
        int needed = Math.max(needed(roles, p.channelMap()), needed(nuclearRoles, p.channelMap()));
        if (imageChannels.isEmpty() || needed == 0) {
            return;
        }
        List<Integer> unfit = new ArrayList<>();
        for (int i = 0; i < imageChannels.size(); i++) {
            if (imageChannels.get(i).getValue() < needed) {
                unfit.add(i);
            }
        }
        if (unfit.isEmpty() || (!listed && unfit.size() < imageChannels.size())) {
            return;
        }
        Map.Entry<UUID, Integer> first = imageChannels.get(unfit.get(0));
        String mapping = describe(roles, p.channelMap())
                + (nuclearRoles.isEmpty() ? "" : " and the nuclear model " + describe(nuclearRoles, p.channelMap()));
        String message = listed
                ? "Image " + first.getKey() + " has " + first.getValue() + " channel(s), but the model reads "
                + mapping + "; map the roles to channels the image has in channelMap (channels count from 0)."
                : "None of the " + imageChannels.size() + " images has the channels the model reads (" + mapping
                + "; the first has " + first.getValue() + " channel(s)); map the roles to existing channels in"
                + " channelMap (channels count from 0).";
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("field", "payload.channelMap");
        details.put("imageId", first.getKey().toString());
        if (listed) {
            details.put("item", unfit.get(0));
        }
        throw invalid(message, details);
    }

    /** The channel roles of the model version's card; 404 when the model or the version is not in the lab. */
    @SuppressWarnings("unchecked")
    private static List<String> roles(UUID labId, UUID modelId, Integer version, String what, String field) {
        ModelVersionEntity v = version(labId, modelId, version, what, field);
        Object channels = v.card == null ? null : v.card.get("channels");
        return channels instanceof List<?> list ? (List<String>) list : List.of();
    }

    /**
     * The model version of the lab ({@code version} null: the latest); 404 naming {@code field} when the model or
     * the version is not in the lab.
     */
    static ModelVersionEntity version(UUID labId, UUID modelId, Integer version, String what, String field) {
        ApiException missing = new ApiException(404, "not-found",
                "No " + what + " with id " + modelId + " exists, or you cannot see it.",
                Map.of("resource", "model", "id", modelId.toString(), "field", field));
        ModelEntity model = ModelEntity.inLab(labId, modelId).orElse(null);
        if (model == null) {
            // Another lab's version: only a public one or one granted to this lab, else exactly a missing model.
            return ModelSharing.usableBy(labId, modelId, version).orElseThrow(() -> missing);
        }
        int n = version == null ? model.latestVersion : version;
        return ModelVersionEntity.of(model.id, n).orElseThrow(() -> new ApiException(404,
                "not-found", "The " + what + " '" + model.name + "' has no version " + n + "; its latest is "
                + model.latestVersion + ".", Map.of("resource", "model version", "id", modelId + "/" + n,
                "field", field)));
    }

    /**
     * The payload with another lab's model (and nuclear model) pinned to the version usable at submit when it names
     * none: a queued job then runs what was checked, never a newer version the lab may not use.
     */
    static SegmentationPayload pinShared(UUID labId, SegmentationPayload p) {
        Integer model = pin(labId, p.modelId(), p.modelVersion(), "model", "payload.modelId");
        Integer nuclear = p.nuclearModelId() == null ? p.nuclearModelVersion()
                : pin(labId, p.nuclearModelId(), p.nuclearModelVersion(), "nuclear model", "payload.nuclearModelId");
        return new SegmentationPayload(p.modelId(), model, p.imageIds(), p.projectId(), p.trainingSet(),
                p.channelMap(), p.postProcessing(), p.nuclearModelId(), nuclear, p.outputs(), p.score());
    }

    private static Integer pin(UUID labId, UUID modelId, Integer version, String what, String field) {
        if (version != null || ModelEntity.inLab(labId, modelId).isPresent()) {
            return version;
        }
        return version(labId, modelId, null, what, field).versionNumber;
    }

    /** How many image channels a model with these roles needs under the map (role i reads channel i by default). */
    private static int needed(List<String> roles, Map<String, Integer> channelMap) {
        int needed = 0;
        for (int i = 0; i < roles.size(); i++) {
            needed = Math.max(needed, ChannelRoles.channel(roles, i, channelMap) + 1);
        }
        return needed;
    }

    private static String describe(List<String> roles, Map<String, Integer> channelMap) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < roles.size(); i++) {
            parts.add(roles.get(i) + " from channel " + ChannelRoles.channel(roles, i, channelMap));
        }
        return String.join(", ", parts);
    }

    private static ApiException invalid(String message, Map<String, Object> details) {
        Map<String, Object> all = new LinkedHashMap<>(details);
        all.put("kind", JobKind.SEGMENTATION.name());
        return new ApiException(400, "job.invalid-payload", message, all);
    }
}
