package org.labscale.ui.service;

import java.util.Optional;
import org.labscale.ui.session.SessionStore;
import org.labscale.ui.session.SignedInUser;
import org.labscale.ui.session.ThumbnailBatch;

/** One browser session's store, without Vaadin. */
public class InMemorySessionStore implements SessionStore {

    private SignedInUser user;
    private ThumbnailBatch thumbnails;

    @Override
    public Optional<SignedInUser> get() {
        return Optional.ofNullable(user);
    }

    @Override
    public void set(SignedInUser user) {
        this.user = user;
    }

    @Override
    public void clear() {
        user = null;
        thumbnails = null;
    }

    @Override
    public void keepThumbnails(ThumbnailBatch batch) {
        thumbnails = batch;
    }

    /** The batch kept last, or null. */
    public ThumbnailBatch thumbnails() {
        return thumbnails;
    }
}
