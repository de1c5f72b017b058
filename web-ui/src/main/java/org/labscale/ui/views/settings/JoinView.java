package org.labscale.ui.views.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.util.Optional;
import java.util.function.Supplier;
import org.labscale.shared.account.MembershipDto;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.views.LoginView;

/**
 * {@code /join?token=...}: the page an invitation link opens. Signed in, the user joins the lab with their account;
 * otherwise they create an account for the invited address (name and password) and then sign in. The API's sentence
 * is shown when the link is expired, revoked or already used.
 */
@Route("join")
@PageTitle("Join a lab · Labscale")
public class JoinView extends VerticalLayout implements BeforeEnterObserver {

    private final LabscaleService service;
    final Paragraph error = new Paragraph();
    private String token;

    public JoinView(LabscaleService service) {
        this.service = service;
        setId("join-view");
        setSizeFull();
        setAlignItems(FlexComponent.Alignment.CENTER);
        setJustifyContentMode(FlexComponent.JustifyContentMode.CENTER);
        error.setId("join-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        token = event.getLocation().getQueryParameters().getSingleParameter("token").orElse("");
        Div card = new Div();
        card.setId("join-card");
        card.getStyle().set("width", "min(26rem, 90vw)").set("display", "flex").set("flex-direction", "column")
                .set("gap", "var(--lumo-space-s)");
        card.add(new H2("Join a lab"));
        if (service.isSignedIn()) {
            card.add(new Paragraph("You were invited to a Labscale lab. Join it as "
                    + service.currentUser().orElseThrow().greetingName() + "?"));
            Button join = new Button("Join the lab", e -> call(() -> service.acceptInvitation(token))
                    .ifPresent(this::open));
            join.setId("join-submit");
            join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            card.add(error, join);
        } else {
            TextField name = new TextField("Your name");
            name.setId("join-name");
            PasswordField password = new PasswordField("Choose a password");
            password.setId("join-password");
            Button join = new Button("Create my account and join", e -> call(() -> service.acceptInvitationAsNewUser(
                    token, name.getValue().strip(), password.getValue())).ifPresent(m -> getUI().ifPresent(ui ->
                    ui.navigate(LoginView.class, LoginView.returnTo("labs/" + m.labId() + "/projects")))));
            join.setId("join-submit");
            join.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Paragraph existing = new Paragraph("Already have an account? Sign in first, then open this link again.");
            existing.getStyle().set("color", "var(--lumo-secondary-text-color)");
            card.add(new Paragraph("You were invited to a Labscale lab. Create your account for the invited address;"
                    + " you then sign in with it."), name, password, error, join, existing);
        }
        add(card);
    }

    private void open(MembershipDto membership) {
        getUI().ifPresent(ui -> ui.navigate("labs/" + membership.labId() + "/projects"));
    }

    private <T> Optional<T> call(Supplier<T> action) {
        try {
            error.setVisible(false);
            return Optional.ofNullable(action.get());
        } catch (NotSignedInException e) {
            getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
        } catch (ApiException e) {
            error.setText(e.getMessage());
            error.setVisible(true);
        }
        return Optional.empty();
    }
}
