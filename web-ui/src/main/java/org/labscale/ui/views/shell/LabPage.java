package org.labscale.ui.views.shell;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.labscale.shared.account.Role;
import org.labscale.shared.lab.LabDto;
import org.labscale.ui.api.ApiErrorException;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.views.LoginView;

/**
 * A page of one lab ({@code /labs/:labId/...}) inside {@link MainLayout}: resolves the lab from the URL on every
 * entry (so a reload or a pasted link works), sends a signed-out browser to the login page and back here after it
 * signs in, and shows one and the
 * same "not found" page for a malformed id, a missing resource and another lab's resource (the API answers those
 * alike, and a resource of a lab other than the one in the URL is treated the same).
 */
public abstract class LabPage extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** What every missing or hidden page says. */
    public static final String NOT_FOUND = "Nothing here: this address does not exist, or you may not see it.";

    protected final LabscaleService service;
    protected LabDto lab;
    private final List<Crumb> crumbs = new ArrayList<>();
    private String title = "Labscale";
    private final Div error = new Div();

    /** Thrown by {@link #enter} when the URL names nothing this user may see. */
    protected static final class NotFound extends RuntimeException {
        public NotFound() {
            super(NOT_FOUND, null, false, false);
        }
    }

    protected LabPage(LabscaleService service) {
        this.service = service;
        setSizeFull();
        error.setId("page-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (service.currentUser().isEmpty()) {
            event.forwardTo(LoginView.class, LoginView.returnTo(event.getLocation().getPath()));
            return;
        }
        removeAll();
        crumbs.clear();
        lab = null;
        try {
            startReads(event);
            lab = service.lab(uuid(event, "labId"));
            crumbs.add(new Crumb(lab.name(), "labs/" + lab.id() + "/projects"));
            enter(event);
        } catch (NotFound e) {
            showNotFound();
        } catch (NotSignedInException e) {
            event.forwardTo(LoginView.class, LoginView.sessionEnded());
        } catch (ApiErrorException e) {
            if (e.status() == 404) {
                showNotFound();
            } else {
                showError(e.getMessage());
            }
        } catch (ApiException e) {
            showError(e.getMessage());
        }
    }

    /**
     * Starts the page's reads that need nothing but the URL ({@link LabscaleService#startRead}), before the lab is
     * read, so that they wait for the API side by side; {@link #enter} takes their answers. None by default.
     */
    protected void startReads(BeforeEnterEvent event) {
    }

    /** Fills the page for {@link #lab}; may throw {@link NotFound} or let the API's 404 through. */
    protected abstract void enter(BeforeEnterEvent event);

    /** The lab of this page, once entered (null on a "not found" page). */
    public Optional<LabDto> lab() {
        return Optional.ofNullable(lab);
    }

    /** The breadcrumb trail, the lab first. */
    public List<Crumb> crumbs() {
        return List.copyOf(crumbs);
    }

    protected void crumb(String text, String path) {
        crumbs.add(new Crumb(text, path));
    }

    protected void title(String title) {
        this.title = title + " · Labscale";
    }

    @Override
    public String getPageTitle() {
        return title;
    }

    /** Whether the user may change things in this lab (members and owners). */
    protected boolean canEdit() {
        return lab != null && lab.role() != null && lab.role().atLeast(Role.MEMBER);
    }

    /** An id from the URL; a malformed one is "not found" like any other. */
    protected static UUID uuid(BeforeEnterEvent event, String name) {
        try {
            return UUID.fromString(event.getRouteParameters().get(name).orElseThrow(NotFound::new));
        } catch (IllegalArgumentException e) {
            throw new NotFound();
        }
    }

    private void showNotFound() {
        removeAll();
        crumbs.clear();
        lab = null;
        title = "Not found · Labscale";
        Div box = new Div(new H2("Not found"), new Paragraph(NOT_FOUND));
        box.setId("not-found");
        add(box);
    }

    /** Shows an API failure in the page's error line (added at the top if not yet shown). */
    protected void showError(String message) {
        error.setText(message);
        if (error.getParent().isEmpty()) {
            addComponentAsFirst(error);
        }
        error.setVisible(true);
    }

    /**
     * Runs an API call on behalf of a user action: an ended session goes to the login page, any other failure's
     * sentence to {@code onError}; the result is empty on failure.
     */
    protected <T> Optional<T> call(Supplier<T> action, Consumer<String> onError) {
        try {
            return Optional.ofNullable(action.get());
        } catch (NotSignedInException e) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
        } catch (ApiException e) {
            onError.accept(e.getMessage());
        }
        return Optional.empty();
    }

    /** {@link #call(Supplier, Consumer)} with failures in the page's error line. */
    protected <T> Optional<T> call(Supplier<T> action) {
        return call(action, this::showError);
    }
}
