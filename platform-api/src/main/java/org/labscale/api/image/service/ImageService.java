package org.labscale.api.image.service;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.labscale.api.common.ApiException;
import org.labscale.api.common.Etags;
import org.labscale.api.common.Paging;
import org.labscale.api.common.Texts;
import org.labscale.api.image.persistence.ImageEntity;
import org.labscale.api.lab.service.LabAccess;
import org.labscale.api.project.service.ProjectService;
import org.labscale.shared.account.Role;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.image.ImageUpdateRequest;

/** A project's images: list, read, describe, delete. Uploads go through {@link ImageIngest}. */
@ApplicationScoped
public class ImageService {

    @Inject
    Clock clock;

    @Inject
    LabAccess access;

    @Inject
    ProjectService projects;

    @Inject
    StoredObjects objects;

    @Transactional
    public PageDto<ImageDto> list(UUID projectId, ImageListQuery query, Paging paging) {
        projects.require(projectId, Role.VIEWER);
        return paging.apply(query.find(projectId), ImageEntity::toDto);
    }

    @Transactional
    public ImageDto get(UUID imageId) {
        return require(imageId, Role.VIEWER).toDto();
    }

    @Transactional
    public ImageDto update(UUID imageId, ImageUpdateRequest request, String ifMatch) {
        ImageEntity image = require(imageId, Role.MEMBER);
        Etags.requireMatch(ifMatch, image.version);
        if (request == null) {
            throw ApiException.badRequest("request.missing-body",
                    "Send the fields to change: {name, channelNames, pixelSizeUm}.");
        }
        if (request.name() != null) {
            image.name = Texts.required(request.name(), "name", ImageMetadata.MAX_NAME);
        }
        if (request.channelNames() != null) {
            List<String> names = ImageMetadata.channelNames(request.channelNames());
            ImageMetadata.checkChannelCount(names, image.channels);
            image.channelNames = names.toArray(String[]::new);
        }
        if (request.pixelSizeUm() != null) {
            image.pixelSizeUm = ImageMetadata.pixelSize(request.pixelSizeUm());
        }
        image.updatedAt = clock.instant();
        image.flush();
        return image.toDto();
    }

    /**
     * Forgets an image's pixel size: unknown again, so models segment it as uploaded and trainings do not resample
     * it. Training-set versions frozen before keep the size they froze.
     */
    @Transactional
    public ImageDto clearPixelSize(UUID imageId, String ifMatch) {
        ImageEntity image = require(imageId, Role.MEMBER);
        Etags.requireMatch(ifMatch, image.version);
        if (image.pixelSizeUm != null) {
            image.pixelSizeUm = null;
            image.updatedAt = clock.instant();
            image.flush();
        }
        return image.toDto();
    }

    /**
     * Deletes an image with its annotations, then the objects nobody references any more. Refused while a
     * training-set version freezes the image.
     */
    public void delete(UUID imageId, String ifMatch) {
        StoredObjects.Garbage garbage = QuarkusTransaction.requiringNew().call(() -> {
            ImageEntity image = require(imageId, Role.MEMBER);
            Etags.requireMatch(ifMatch, image.version);
            if (ImageEntity.inTrainingSet(imageId)) {
                throw ApiException.conflict("image.in-training-set", "Image '" + image.name
                        + "' is part of a training-set version, which is immutable; it cannot be deleted.");
            }
            StoredObjects.Garbage g = objects.ofImages(image.labId, "i.id = :id", imageId);
            image.delete(); // annotations and their versions go with it (ON DELETE CASCADE)
            return g;
        });
        objects.dispose(garbage);
    }

    /**
     * The images among {@code imageIds} that belong to project {@code projectId}, in the order asked, if the caller may
     * read the project (else the 404 of a missing project); ids of no image of that project are left out.
     */
    @Transactional
    public List<ImageEntity> readableInProject(UUID projectId, List<UUID> imageIds) {
        projects.require(projectId, Role.VIEWER);
        if (imageIds.isEmpty()) {
            return List.of();
        }
        java.util.Map<UUID, ImageEntity> found = new java.util.HashMap<>();
        for (ImageEntity image : ImageEntity.<ImageEntity>list("projectId = ?1 and id in ?2", projectId, imageIds)) {
            found.put(image.id, image);
        }
        return imageIds.stream().distinct().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    /** Where an image's original, preview or thumbnail is, if the caller may read it. */
    @Transactional
    public ImageEntity readable(UUID imageId) {
        return require(imageId, Role.VIEWER);
    }

    /** The image if the caller holds {@code minimum} in its lab; the same 404 for strangers and missing images. */
    public ImageEntity require(UUID imageId, Role minimum) {
        ImageEntity image = ImageEntity.findById(imageId);
        if (image == null) {
            throw ApiException.notFound("image", imageId);
        }
        access.require(image.labId, minimum, "image", imageId);
        return image;
    }
}
