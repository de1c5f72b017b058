package org.labscale.ui.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.sharing.DeprecationDto;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.UsageDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.ZooEntryDto;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.LabscaleApiClient;
import org.labscale.ui.api.ZooClient;
import org.labscale.ui.service.SegmentationService.ModelChoice;

/**
 * What the zoo pages and the sharing panel call: search, a visible version's card, forks, and a lab's own version's
 * grants, visibility and usage, all with the session's token ({@link LabscaleService#withSessionToken}).
 */
@ApplicationScoped
public class ZooService {

    /** The API's largest page. */
    static final int ENTRIES_PER_PAGE = 200;

    private final ZooClient api;
    private final LabscaleService session;

    @Inject
    public ZooService(LabscaleApiClient api, LabscaleService session) {
        this(new ZooClient(api), session);
    }

    ZooService(ZooClient api, LabscaleService session) {
        this.api = api;
        this.session = session;
    }

    public LabscaleService session() {
        return session;
    }

    public PageDto<ZooEntryDto> search(ZooClient.Query query, int page, int size) {
        return session.withSessionToken(t -> api.search(t, query, page, size));
    }

    /**
     * The zoo's entry of a visible version (name, lab, metrics), looked up among the caller's visible versions,
     * deprecated ones included; empty when the zoo does not list it.
     */
    public Optional<ZooEntryDto> entry(UUID versionId) {
        return session.withSessionToken(t -> {
            for (int page = 0; ; page++) {
                PageDto<ZooEntryDto> found = api.search(t, ZooClient.Query.ALL, page, ENTRIES_PER_PAGE);
                Optional<ZooEntryDto> hit = found.items().stream()
                        .filter(e -> e.versionId().equals(versionId)).findFirst();
                if (hit.isPresent() || (long) (page + 1) * ENTRIES_PER_PAGE >= found.total()) {
                    return hit;
                }
            }
        });
    }

    public ModelVersionDto card(UUID versionId) {
        return session.withSessionToken(t -> api.card(t, versionId));
    }

    /** Forks version {@code version} of another lab's (or the lab's own) model into {@code labId}. */
    /**
     * The lab's own model versions offered for segmentation, with the version named by {@code wanted} (a version id)
     * put first when it is another lab's that the user may see in the zoo; unchanged when it is none of those.
     */
    public List<ModelChoice> withVisible(List<ModelChoice> own, String wanted) {
        UUID versionId;
        try {
            versionId = wanted == null ? null : UUID.fromString(wanted.strip());
        } catch (IllegalArgumentException notAnId) {
            versionId = null;
        }
        UUID id = versionId;
        if (id == null || own.stream().anyMatch(c -> c.version().id().equals(id))) {
            return own;
        }
        try {
            Optional<ZooEntryDto> entry = entry(id);
            if (entry.isEmpty()) {
                return own;
            }
            ZooEntryDto e = entry.get();
            ModelDto model = new ModelDto(e.modelId(), e.labId(), e.name() + " (" + e.labName() + ")",
                    e.description(), e.latestVersion() == null ? e.version() : e.latestVersion(), e.createdAt());
            List<ModelChoice> all = new ArrayList<>();
            all.add(new ModelChoice(model, card(id)));
            all.addAll(own);
            return all;
        } catch (ApiErrorException hidden) {
            return own;
        }
    }

    public ForkDto fork(UUID labId, UUID modelId, int version, String name) {
        return session.withSessionToken(t -> api.fork(t, labId, new ForkRequest(modelId, version, name)));
    }

    public SharingDto sharing(UUID labId, UUID modelId, int version) {
        return session.withSessionToken(t -> api.sharing(t, labId, modelId, version));
    }

    public SharingDto grant(UUID labId, UUID modelId, int version, UUID grantee) {
        return session.withSessionToken(t -> api.grant(t, labId, modelId, version, grantee));
    }

    public SharingDto revoke(UUID labId, UUID modelId, int version, UUID grantee) {
        return session.withSessionToken(t -> api.revoke(t, labId, modelId, version, grantee));
    }

    public SharingDto visibility(UUID labId, UUID modelId, int version, Visibility visibility) {
        return session.withSessionToken(t -> api.visibility(t, labId, modelId, version, visibility));
    }

    public UsageDto usage(UUID labId, UUID modelId, int version) {
        return session.withSessionToken(t -> api.usage(t, labId, modelId, version));
    }

    public DeprecationDto deprecation(UUID labId, UUID modelId, int version) {
        return session.withSessionToken(t -> api.deprecation(t, labId, modelId, version));
    }

    public DeprecationDto deprecate(UUID labId, UUID modelId, int version, String reason) {
        return session.withSessionToken(t -> api.deprecate(t, labId, modelId, version, reason));
    }

    public DeprecationDto undeprecate(UUID labId, UUID modelId, int version) {
        return session.withSessionToken(t -> api.undeprecate(t, labId, modelId, version));
    }

    /**
     * The labs a grant may be given to from this page without typing an id: the user's other labs. Nothing about
     * labs the user is not a member of is listed (their names and ids are not the user's to learn).
     */
    public List<LabDto> grantableLabs(UUID ownLabId) {
        return session.labs().stream().filter(l -> !l.id().equals(ownLabId)).toList();
    }

    public ModelVersionDto importBioimageio(UUID labId, Path zip, String name) {
        return session.withSessionToken(t -> api.importBioimageio(t, labId, zip, name));
    }

    public TrainingSetVersionDto importTrainingSet(UUID labId, Path zip, String name) {
        return session.withSessionToken(t -> api.importTrainingSet(t, labId, zip, name));
    }
}
