package org.labscale.api.project.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.project.persistence.ProjectEntity;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.project.ProjectDto;
import org.labscale.shared.project.ProjectRequest;

/** A lab's projects: create, list (optionally by tag), rename, describe, tag, delete. */
@ApplicationScoped
public class ProjectService {

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    EntityManager em;

    @Inject
    Event<ProjectDeleting> deleting;

    /** Fired before a project's rows are deleted, so the objects of its images can be collected. */
    public record ProjectDeleting(UUID labId, UUID projectId) {
    }

    @Transactional
    public ProjectDto create(UUID labId, ProjectRequest request) {
        access.requireLab(labId, Role.MEMBER);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send {name, description, tags}.");
        }
        String name = Texts.required(request.name(), "name", 200);
        if (ProjectEntity.nameTaken(labId, name, null)) {
            throw ApiException.conflict("project.name-taken", "This lab already has a project named '" + name + "'.");
        }
        Instant now = clock.instant();
        ProjectEntity project = new ProjectEntity();
        project.id = UUID.randomUUID();
        project.labId = labId;
        project.name = name;
        project.description = Texts.optional(request.description(), "description", 4000);
        project.tags = Texts.tags(request.tags()).toArray(String[]::new);
        project.createdBy = access.userId();
        project.createdAt = now;
        project.updatedAt = now;
        project.persist();
        return toDto(project, 0);
    }

    @Transactional
    public PageDto<ProjectDto> list(UUID labId, String tag, Paging paging) {
        access.requireLab(labId, Role.VIEWER);
        var query = tag == null
                ? ProjectEntity.<ProjectEntity>find("labId = ?1 order by lower(name)", labId)
                : ProjectEntity.<ProjectEntity>find("labId = ?1 and array_contains(tags, ?2) order by lower(name)",
                labId, tag);
        List<ProjectEntity> page = query.page(Page.of(paging.page(), paging.size())).list();
        Map<UUID, Long> counts = imageCounts(page.stream().map(p -> p.id).toList());
        return new PageDto<>(page.stream().map(p -> toDto(p, counts.getOrDefault(p.id, 0L))).toList(),
                paging.page(), paging.size(), query.count());
    }

    @Transactional
    public ProjectDto get(UUID projectId) {
        ProjectEntity project = require(projectId, Role.VIEWER);
        return toDto(project, imageCounts(List.of(projectId)).getOrDefault(projectId, 0L));
    }

    @Transactional
    public ProjectDto update(UUID projectId, ProjectRequest request, String ifMatch) {
        ProjectEntity project = require(projectId, Role.MEMBER);
        Etags.requireMatch(ifMatch, project.version);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body", "Send the fields to change: {name, description, tags}.");
        }
        if (request.name() != null) {
            String name = Texts.required(request.name(), "name", 200);
            if (ProjectEntity.nameTaken(project.labId, name, project.id)) {
                throw ApiException.conflict("project.name-taken", "This lab already has a project named '" + name + "'.");
            }
            project.name = name;
        }
        if (request.description() != null) {
            project.description = Texts.optional(request.description(), "description", 4000);
        }
        if (request.tags() != null) {
            project.tags = Texts.tags(request.tags()).toArray(String[]::new);
        }
        project.updatedAt = clock.instant();
        ProjectEntity.flush();
        return get(projectId);
    }

    @Transactional
    public void delete(UUID projectId, String ifMatch) {
        ProjectEntity project = require(projectId, Role.MEMBER);
        Etags.requireMatch(ifMatch, project.version);
        deleting.fire(new ProjectDeleting(project.labId, projectId));
        project.delete();
    }

    /** The project if the caller holds {@code minimum} in its lab; 404 for strangers and for missing ones alike. */
    public ProjectEntity require(UUID projectId, Role minimum) {
        ProjectEntity project = ProjectEntity.findById(projectId);
        if (project == null) {
            throw ApiException.notFound("project", projectId);
        }
        access.require(project.labId, minimum, "project", projectId);
        return project;
    }

    private Map<UUID, Long> imageCounts(List<UUID> projectIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (projectIds.isEmpty()) {
            return counts;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select project_id, count(*) from image where project_id in (:ids) group by project_id")
                .setParameter("ids", projectIds).getResultList();
        rows.forEach(r -> counts.put((UUID) r[0], ((Number) r[1]).longValue()));
        return counts;
    }

    private static ProjectDto toDto(ProjectEntity p, long imageCount) {
        return new ProjectDto(p.id, p.labId, p.name, p.description, Arrays.asList(p.tags), imageCount, p.createdAt,
                p.updatedAt, p.version);
    }
}
