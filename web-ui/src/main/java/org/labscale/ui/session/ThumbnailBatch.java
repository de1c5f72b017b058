package org.labscale.ui.session;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The thumbnails of the gallery page a browser session was just sent, asked of the API in one call while the page
 * travels to the browser, so that the browser's 24 thumbnail requests are answered from memory instead of each costing
 * a round trip to the API. Kept in the HTTP session ({@link #HTTP_ATTRIBUTE}, one batch at a time, replaced by the next
 * page's) and served only to the user who asked for it: anything else (another id, another user, a batch that failed
 * or is late) goes to the API as before.
 */
public final class ThumbnailBatch {

    /** The HTTP session attribute holding the latest batch, for {@code ImageProxyServlet}. */
    public static final String HTTP_ATTRIBUTE = ThumbnailBatch.class.getName();

    private final SignedInUser owner;
    private final Set<UUID> ids;
    private final CompletableFuture<Map<UUID, byte[]>> pngs;

    /**
     * @param owner whose token asked the API for {@code ids}
     * @param pngs  the API's answer: each id's PNG, ids the project does not hold left out
     */
    public ThumbnailBatch(SignedInUser owner, Set<UUID> ids, CompletableFuture<Map<UUID, byte[]>> pngs) {
        this.owner = owner;
        this.ids = Set.copyOf(ids);
        this.pngs = pngs;
    }

    /**
     * The thumbnail of {@code imageId} if this batch was asked for it by {@code user} and the API answered it within
     * {@code wait}; else empty, and the caller asks the API itself.
     */
    public Optional<byte[]> find(SignedInUser user, UUID imageId, Duration wait) {
        if (!owner.equals(user) || !ids.contains(imageId)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(pngs.get(wait.toMillis(), TimeUnit.MILLISECONDS).get(imageId));
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
