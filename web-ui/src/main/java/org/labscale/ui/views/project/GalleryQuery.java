package org.labscale.ui.views.project;

import com.vaadin.flow.router.QueryParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the project page's gallery is sorted and filtered, kept in the page's URL ({@code ?sort=name&name=dapi
 * &annotated=false&page=2}) so that a reload or a shared link shows the same images.
 *
 * @param sort      the API's order: {@code date} (oldest first, the default), {@code -date}, {@code name}, {@code -name}
 * @param name      a piece of the name, or null for any
 * @param annotated true: only annotated images; false: only images without annotations; null: both
 */
public record GalleryQuery(String sort, String name, Boolean annotated) {

    /** The orders offered, in the menu's order. */
    public static final List<String> SORTS = List.of("date", "-date", "name", "-name");
    /** Everything, oldest first. */
    public static final GalleryQuery ALL = new GalleryQuery("date", null, null);

    public GalleryQuery {
        sort = sort != null && SORTS.contains(sort) ? sort : "date";
        name = name == null || name.isBlank() ? null : name.strip();
    }

    /** The query of a URL; unknown values fall back to the defaults. */
    public static GalleryQuery of(QueryParameters parameters) {
        Map<String, List<String>> p = parameters.getParameters();
        String annotated = first(p, "annotated");
        return new GalleryQuery(first(p, "sort"), first(p, "name"), "true".equals(annotated) ? Boolean.TRUE
                : "false".equals(annotated) ? Boolean.FALSE : null);
    }

    /** This query and the one-based page {@code page} as URL parameters (defaults left out). */
    public QueryParameters parameters(int page) {
        Map<String, String> p = new LinkedHashMap<>();
        if (!"date".equals(sort)) {
            p.put("sort", sort);
        }
        if (name != null) {
            p.put("name", name);
        }
        if (annotated != null) {
            p.put("annotated", annotated.toString());
        }
        if (page > 1) {
            p.put("page", Integer.toString(page));
        }
        return QueryParameters.simple(p);
    }

    /** How the sort menu names an order. */
    public static String label(String sort) {
        return switch (sort) {
            case "-date" -> "Newest first";
            case "name" -> "Name A\u2013Z";
            case "-name" -> "Name Z\u2013A";
            default -> "Oldest first";
        };
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
