package org.labscale.ui.views;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import java.util.Map;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;

/**
 * Sign-in page: email and password, checked by the API. A failure shows the API's own message (or the
 * "not reachable" sentence) above the button. A signed-in user is sent on to the landing page.
 */
@Route("login")
@PageTitle("Sign in · Labscale")
public class LoginView extends VerticalLayout implements BeforeEnterObserver {

    /** Query parameter that makes the page explain that the previous session ended. */
    public static final String ENDED_PARAM = "ended";

    /** Query parameter naming the lab page to return to after signing in (a pasted or reloaded link). */
    public static final String NEXT_PARAM = "next";

    /** Where to go after signing in: a lab page of this app only (never another site). */
    private String next;

    private final LabscaleService service;

    final EmailField email = new EmailField("Email");
    final PasswordField password = new PasswordField("Password");
    final Button submit = new Button("Sign in");
    final Paragraph error = new Paragraph();

    public LoginView(LabscaleService service) {
        this.service = service;
        setId("login-view");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        getStyle().set("background", "var(--lumo-contrast-5pct)");

        H1 brand = new H1("Labscale");
        brand.setId("brand");
        brand.getStyle().set("margin", "0").set("color", "var(--lumo-primary-text-color)");
        Paragraph tagline = new Paragraph("Live-cell microscopy, annotation and cell segmentation for labs.");
        tagline.getStyle().set("margin-top", "0").set("color", "var(--lumo-secondary-text-color)");

        email.setId("login-email");
        email.setWidthFull();
        email.setAutofocus(true);
        email.setClearButtonVisible(true);
        password.setId("login-password");
        password.setWidthFull();
        error.setId("login-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)").set("margin", "0");
        error.setVisible(false);
        submit.setId("login-submit");
        submit.setWidthFull();
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.addClickShortcut(Key.ENTER);
        submit.addClickListener(e -> signIn());

        Paragraph apiUrl = new Paragraph("API: " + service.apiUrl());
        apiUrl.setId("api-url");
        apiUrl.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-tertiary-text-color)");

        Div card = new Div(brand, tagline, email, password, error, submit, apiUrl);
        card.setId("login-card");
        card.getStyle()
                .set("background", "var(--lumo-base-color)")
                .set("border-radius", "var(--lumo-border-radius-l)")
                .set("box-shadow", "var(--lumo-box-shadow-m)")
                .set("padding", "var(--lumo-space-xl)")
                .set("width", "min(24rem, 90vw)")
                .set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-s)");
        add(card);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (service.isSignedIn()) {
            event.forwardTo(MainView.class);
            return;
        }
        Map<String, ?> params = event.getLocation().getQueryParameters().getParameters();
        next = event.getLocation().getQueryParameters().getSingleParameter(NEXT_PARAM)
                .filter(LoginView::isLabPage).orElse(null);
        if (params.containsKey(ENDED_PARAM)) {
            showError("Your session has ended. Please sign in again.");
        }
    }

    void signIn() {
        if (email.getValue().isBlank() || password.getValue().isEmpty()) {
            showError("Enter your email and password.");
            return;
        }
        try {
            service.signIn(email.getValue(), password.getValue());
        } catch (ApiException e) {
            showError(e.getMessage());
            password.clear();
            password.focus();
            return;
        }
        error.setVisible(false);
        getUI().ifPresent(ui -> {
            if (next != null) {
                ui.navigate(next);
            } else {
                ui.navigate(MainView.class);
            }
        });
    }

    /** Whether {@code path} is a path of this app's lab pages, e.g. {@code labs/<id>/images/<id>}. */
    static boolean isLabPage(String path) {
        return path != null && path.matches("labs/[0-9a-fA-F-]{36}(/[A-Za-z-]+(/[0-9a-fA-F-]{36})?)?");
    }

    /** The query that brings a signed-out visitor of {@code path} back there after signing in. */
    public static QueryParameters returnTo(String path) {
        return QueryParameters.simple(Map.of(NEXT_PARAM, path));
    }

    void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** Where to send a user whose session ended while they were working. */
    public static QueryParameters sessionEnded() {
        return QueryParameters.simple(Map.of(ENDED_PARAM, "1"));
    }
}
