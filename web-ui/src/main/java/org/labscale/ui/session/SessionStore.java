package org.labscale.ui.session;

import java.util.Optional;

/** Where the signed-in user of the current browser session is kept. */
public interface SessionStore {

    Optional<SignedInUser> get();

    void set(SignedInUser user);

    /** Clears the signed-in user and whatever was kept for them ({@link ThumbnailBatch}). */
    void clear();

    /** Keeps {@code batch} for the image proxy in place of the previous one. */
    void keepThumbnails(ThumbnailBatch batch);
}
