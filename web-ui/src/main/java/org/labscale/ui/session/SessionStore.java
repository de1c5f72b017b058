package org.labscale.ui.session;

import java.util.Optional;

/** Where the signed-in user of the current browser session is kept. */
public interface SessionStore {

    Optional<SignedInUser> get();

    void set(SignedInUser user);

    void clear();
}
