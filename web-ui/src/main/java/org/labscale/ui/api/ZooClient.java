package org.labscale.ui.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.sharing.DeprecationDto;
import org.labscale.shared.sharing.DeprecationRequest;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.ForkRequest;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.UsageDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.shared.sharing.VisibilityRequest;
import org.labscale.shared.sharing.ZooEntryDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;

/**
 * The API's model zoo and model sharing ({@code /api/v1/zoo/...}, grants, visibility, usage, forks), typed on the
 * {@code shared-models} records and sent by {@link LabscaleApiClient} (same errors, same JSON rules).
 */
public class ZooClient {

    private static final String V1 = "/api/v1";

    private final LabscaleApiClient api;

    public ZooClient(LabscaleApiClient api) {
        this.api = api;
    }

    /** The zoo's filters and order; a null or blank filter is left out. */
    public record Query(String text, String task, String channel, String licence, String sort,
                        boolean includeDeprecated) {
        /** Every visible version, deprecated ones included, newest first. */
        public static final Query ALL = new Query(null, null, null, null, "newest", true);
    }

    /** {@code GET /zoo/models?q=&task=&channel=&licence=&sort=&page=&size=}: every version the caller may see. */
    public PageDto<ZooEntryDto> search(String token, Query query, int page, int size) {
        StringBuilder url = new StringBuilder(V1 + "/zoo/models?page=" + page + "&size=" + size);
        param(url, "q", query.text());
        param(url, "task", query.task());
        param(url, "channel", query.channel());
        param(url, "licence", query.licence());
        param(url, "sort", query.sort());
        if (query.includeDeprecated()) {
            url.append("&includeDeprecated=true");
        }
        return api.json("GET", url.toString(), token, null, null, api.typeOf(PageDto.class, ZooEntryDto.class));
    }

    /** {@code GET /zoo/models/{versionId}}: one visible version with its card; any other is a 404. */
    public ModelVersionDto card(String token, UUID versionId) {
        return api.json("GET", V1 + "/zoo/models/" + versionId, token, null, null,
                api.typeOf(ModelVersionDto.class));
    }

    /** {@code POST /labs/{labId}/forks/models} {@code {sourceId: modelId, version, name}}: copies a visible version into the lab as a new model. */
    public ForkDto fork(String token, UUID labId, ForkRequest fork) {
        return api.json("POST", V1 + "/labs/" + labId + "/forks/models", token, null, fork,
                api.typeOf(ForkDto.class));
    }

    /** {@code GET .../grants}: the version's visibility and the labs granted (members of the owning lab). */
    public SharingDto sharing(String token, UUID labId, UUID modelId, int version) {
        return api.json("GET", version(labId, modelId, version) + "/grants", token, null, null,
                api.typeOf(SharingDto.class));
    }

    /** {@code PUT .../grants/{granteeLabId}} (owners): answers the version's sharing. */
    public SharingDto grant(String token, UUID labId, UUID modelId, int version, UUID grantee) {
        return api.json("PUT", version(labId, modelId, version) + "/grants/" + grantee, token, null, null,
                api.typeOf(SharingDto.class));
    }

    /** {@code DELETE .../grants/{granteeLabId}} (owners): answers the version's sharing. */
    public SharingDto revoke(String token, UUID labId, UUID modelId, int version, UUID grantee) {
        return api.json("DELETE", version(labId, modelId, version) + "/grants/" + grantee, token, null, null,
                api.typeOf(SharingDto.class));
    }

    /** {@code PUT .../visibility} (owners): PUBLIC or PRIVATE; grants are kept either way. */
    public SharingDto visibility(String token, UUID labId, UUID modelId, int version, Visibility visibility) {
        return api.json("PUT", version(labId, modelId, version) + "/visibility", token, null,
                new VisibilityRequest(visibility), api.typeOf(SharingDto.class));
    }

    /** {@code GET .../usage} (members of the owning lab): how often other labs used the version. */
    public UsageDto usage(String token, UUID labId, UUID modelId, int version) {
        return api.json("GET", version(labId, modelId, version) + "/usage", token, null, null,
                api.typeOf(UsageDto.class));
    }

    private static String version(UUID labId, UUID modelId, int version) {
        return V1 + "/labs/" + labId + "/models/" + modelId + "/versions/" + version;
    }

    private static void param(StringBuilder url, String name, String value) {
        if (value != null && !value.isBlank()) {
            url.append('&').append(name).append('=').append(URLEncoder.encode(value.strip(), StandardCharsets.UTF_8));
        }
    }

    /** {@code GET /labs/{labId}/models/{modelId}/versions/{n}/deprecation}. */
    public DeprecationDto deprecation(String token, UUID labId, UUID modelId, int version) {
        return api.json("GET", version(labId, modelId, version) + "/deprecation", token, null, null,
                api.typeOf(DeprecationDto.class));
    }

    /** {@code PUT .../deprecation {reason}}: hidden from zoo searches, still usable (members). */
    public DeprecationDto deprecate(String token, UUID labId, UUID modelId, int version, String reason) {
        return api.json("PUT", version(labId, modelId, version) + "/deprecation", token, null,
                new DeprecationRequest(reason), api.typeOf(DeprecationDto.class));
    }

    /** {@code DELETE .../deprecation}. */
    public DeprecationDto undeprecate(String token, UUID labId, UUID modelId, int version) {
        return api.json("DELETE", version(labId, modelId, version) + "/deprecation", token, null, null,
                api.typeOf(DeprecationDto.class));
    }

    /** {@code POST /labs/{labId}/models/bioimageio?name=}: a bioimage.io package (zip) as a new model version. */
    public ModelVersionDto importBioimageio(String token, UUID labId, java.nio.file.Path zip, String name) {
        return api.postFile(token, V1 + "/labs/" + labId + "/models/bioimageio" + nameQuery(name), zip,
                "application/zip", api.typeOf(ModelVersionDto.class));
    }

    /** {@code POST /labs/{labId}/training-sets/import?name=}: a training-set package (zip) as a new training set. */
    public TrainingSetVersionDto importTrainingSet(String token, UUID labId, java.nio.file.Path zip, String name) {
        return api.postFile(token, V1 + "/labs/" + labId + "/training-sets/import" + nameQuery(name), zip,
                "application/zip", api.typeOf(TrainingSetVersionDto.class));
    }

    private static String nameQuery(String name) {
        return name == null || name.isBlank() ? "" : "?name=" + URLEncoder.encode(name.strip(), StandardCharsets.UTF_8);
    }
}
