package org.labscale.shared.api;

import java.util.List;

/**
 * One page of a long list.
 *
 * @param items the entries of this page
 * @param page  zero-based page index
 * @param size  requested page size
 * @param total number of entries over all pages
 */
public record PageDto<T>(List<T> items, int page, int size, long total) {
    public PageDto {
        items = List.copyOf(items);
    }
}
