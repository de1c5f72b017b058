package org.labscale.ui.api;

import java.util.List;

/** One page of a list answer: {@code {"items": [...], "page", "size", "total"}}. */
public record PageResult<T>(List<T> items, int page, int size, long total) {

    public PageResult {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** Whether pages after this one hold more items. */
    public boolean hasMore() {
        return (long) (page + 1) * size < total;
    }
}
