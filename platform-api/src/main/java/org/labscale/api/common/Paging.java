package org.labscale.api.common;

import java.util.List;
import java.util.function.Function;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;

import org.labscale.shared.api.PageDto;

/**
 * Zero-based page and size of a list request, validated: sizes above {@value #MAX_SIZE} are refused, and so are pages
 * that start beyond row {@value #MAX_OFFSET} (a deeper offset makes PostgreSQL skip that many rows, and page times
 * size must not overflow).
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 200;
    public static final int DEFAULT_SIZE = 50;
    public static final long MAX_OFFSET = 1_000_000;

    public Paging {
        if (page < 0) {
            throw ApiException.invalidField("page", "page must be 0 or more, not " + page + ".");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.invalidField("size", "size must be between 1 and " + MAX_SIZE + ", not " + size + ".");
        }
        if ((long) page * size > MAX_OFFSET) {
            throw ApiException.invalidField("page", "A page may start at most " + MAX_OFFSET + " rows in; page " + page
                    + " of size " + size + " starts at " + (long) page * size + ".");
        }
    }

    /** Paging from optional query parameters. */
    public static Paging of(Integer page, Integer size) {
        return new Paging(page == null ? 0 : page, size == null ? DEFAULT_SIZE : size);
    }

    /** Runs the query for this page and maps its entities. */
    public <E, D> PageDto<D> apply(PanacheQuery<E> query, Function<E, D> mapper) {
        List<D> items = query.page(Page.of(page, size)).list().stream().map(mapper).toList();
        return new PageDto<>(items, page, size, query.count());
    }
}
