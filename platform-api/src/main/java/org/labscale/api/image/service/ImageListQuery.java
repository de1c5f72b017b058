package org.labscale.api.image.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheQuery;

import org.labscale.api.common.ApiException;
import org.labscale.api.image.persistence.ImageEntity;

/**
 * How a project's gallery lists its images: the order ({@code date} oldest first, {@code -date} newest first,
 * {@code name}, {@code -name}, case-insensitive), a piece of the name (case-insensitive; {@code %} and {@code _} are
 * plain characters), and annotated or not (an image with at least one annotation). Every bad value is a 400 naming it.
 *
 * @param sort      one of {@link #SORTS}
 * @param name      the piece of the name to look for, null for any
 * @param annotated true: only annotated images, false: only images without annotations, null: both
 */
public record ImageListQuery(String sort, String name, Boolean annotated) {

    /** The orders a gallery may ask for. */
    public static final List<String> SORTS = List.of("date", "-date", "name", "-name");
    static final int MAX_NAME = ImageMetadata.MAX_NAME;

    public ImageListQuery {
        sort = sort == null || sort.isBlank() ? "date" : sort.strip();
        if (!SORTS.contains(sort)) {
            throw ApiException.invalidField("sort", "sort must be one of " + String.join(", ", SORTS) + ", not '"
                    + shorten(sort) + "'.");
        }
        name = name == null || name.isBlank() ? null : name.strip();
        if (name != null && name.length() > MAX_NAME) {
            throw ApiException.invalidField("name", "name may have at most " + MAX_NAME + " characters, not "
                    + name.length() + ".");
        }
    }

    /** From query parameters: {@code annotated} must be {@code true} or {@code false} when given. */
    public static ImageListQuery of(String sort, String name, String annotated) {
        Boolean a = null;
        if (annotated != null && !annotated.isBlank()) {
            a = switch (annotated.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw ApiException.invalidField("annotated", "annotated must be true or false, not '"
                        + shorten(annotated) + "'.");
            };
        }
        return new ImageListQuery(sort, name, a);
    }

    /** The project's images that match, in order (for {@link org.labscale.api.common.Paging#apply}). */
    PanacheQuery<ImageEntity> find(UUID projectId) {
        List<Object> parameters = new ArrayList<>(List.of(projectId));
        List<String> clauses = new ArrayList<>(List.of("i.projectId = ?1"));
        if (name != null) {
            parameters.add("%" + name.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
            clauses.add("lower(i.name) like ?" + parameters.size() + " escape '\\'");
        }
        if (annotated != null) {
            clauses.add((annotated ? "" : "not ") + "exists (select 1 from AnnotationEntity a where a.imageId = i.id)");
        }
        String order = switch (sort) {
            case "-date" -> "i.createdAt desc, i.id desc";
            case "name" -> "lower(i.name), i.id";
            case "-name" -> "lower(i.name) desc, i.id desc";
            default -> "i.createdAt, i.id";
        };
        return ImageEntity.find("from ImageEntity i where " + String.join(" and ", clauses) + " order by " + order,
                parameters.toArray());
    }

    private static String shorten(String value) {
        return value.length() <= 50 ? value : value.substring(0, 50) + "...";
    }
}
