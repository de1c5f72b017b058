package org.labscale.ui.session;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Keeps the {@link SignedInUser} as an attribute of the current {@link VaadinSession}: server-side memory tied to
 * the browser's session cookie, so the API token never reaches the browser.
 */
@ApplicationScoped
public class VaadinSessionStore implements SessionStore {

    @Override
    public Optional<SignedInUser> get() {
        VaadinSession session = VaadinSession.getCurrent();
        return session == null ? Optional.empty() : Optional.ofNullable(session.getAttribute(SignedInUser.class));
    }

    /**
     * Stores the user after giving the browser a new session id, so that an id planted before sign-in (session
     * fixation) does not carry the signed-in session.
     */
    @Override
    public void set(SignedInUser user) {
        VaadinRequest request = VaadinRequest.getCurrent();
        if (request != null) {
            VaadinService.reinitializeSession(request);
        }
        session().setAttribute(SignedInUser.class, user);
    }

    @Override
    public void clear() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SignedInUser.class, null);
        }
    }

    private static VaadinSession session() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session == null) {
            throw new IllegalStateException("No VaadinSession on this thread");
        }
        return session;
    }
}
