package org.labscale.api.model.service;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;

import org.labscale.api.common.Paging;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.model.persistence.ModelEntity;
import org.labscale.api.model.persistence.ModelVersionEntity;
import org.labscale.api.sharing.service.SharedKind;
import org.labscale.api.sharing.service.VersionGrants;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.LabModelVersionDto;
import org.labscale.shared.sharing.Visibility;

/**
 * Every version of a lab's models, newest first, each with its model and visibility: what a page listing the lab's
 * models shows, answered in one call per page (viewers read; a stranger gets the 404 of a missing lab).
 */
@ApplicationScoped
public class LabModelVersions {

    @Inject
    LabAccess access;

    @Inject
    ModelService models;

    public PageDto<LabModelVersionDto> list(UUID labId, Paging paging) {
        return QuarkusTransaction.requiringNew().call(() -> {
            access.requireLab(labId, Role.VIEWER);
            var query = ModelVersionEntity.<ModelVersionEntity>find("labId = ?1 order by createdAt desc, id", labId);
            List<ModelVersionEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
            Set<UUID> modelIds = page.stream().map(v -> v.modelId).collect(Collectors.toSet());
            Map<UUID, ModelEntity> byId = modelIds.isEmpty() ? Map.of()
                    : ModelEntity.<ModelEntity>list("id in ?1", modelIds).stream()
                    .collect(Collectors.toMap(m -> m.id, Function.identity()));
            Set<UUID> granted = VersionGrants.withGrants(SharedKind.MODEL, page.stream().map(v -> v.id).toList());
            List<LabModelVersionDto> items = page.stream().map(v -> new LabModelVersionDto(
                    ModelService.toDto(byId.get(v.modelId)), models.toDto(v), "PUBLIC".equals(v.visibility)
                    ? Visibility.PUBLIC : granted.contains(v.id) ? Visibility.SHARED : Visibility.PRIVATE)).toList();
            return new PageDto<>(items, paging.page(), paging.size(), query.count());
        });
    }
}
