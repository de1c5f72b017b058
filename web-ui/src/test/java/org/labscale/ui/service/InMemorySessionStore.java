package org.labscale.ui.service;

import java.util.Optional;
import org.labscale.ui.session.SessionStore;
import org.labscale.ui.session.SignedInUser;

/** One browser session's store, without Vaadin. */
public class InMemorySessionStore implements SessionStore {

    private SignedInUser user;

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
    }
}
