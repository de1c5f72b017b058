package org.labscale.ui.session;

import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinSession;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Keeps the {@link SignedInUser} as an attribute of the current {@link VaadinSession}: server-side memory tied to
 * the browser's session cookie, so the API token never reaches the browser. A copy sits in the HTTP session under
 * {@link #HTTP_ATTRIBUTE} for the image proxy, which serves tiles outside Vaadin's request handling and must not
 * wait for the Vaadin session's lock.
 */
@ApplicationScoped
public class VaadinSessionStore implements SessionStore {

    /** The HTTP session attribute holding the signed-in user for {@code ImageProxyServlet}. */
    public static final String HTTP_ATTRIBUTE = SignedInUser.class.getName();

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
        VaadinSession session = session();
        session.setAttribute(SignedInUser.class, user);
        session.getSession().setAttribute(HTTP_ATTRIBUTE, user);
    }

    @Override
    public void clear() {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null) {
            session.setAttribute(SignedInUser.class, null);
            if (session.getSession() != null) {
                session.getSession().removeAttribute(HTTP_ATTRIBUTE);
                session.getSession().removeAttribute(ThumbnailBatch.HTTP_ATTRIBUTE);
            }
        }
    }

    @Override
    public void keepThumbnails(ThumbnailBatch batch) {
        VaadinSession session = VaadinSession.getCurrent();
        if (session != null && session.getSession() != null) {
            session.getSession().setAttribute(ThumbnailBatch.HTTP_ATTRIBUTE, batch);
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
