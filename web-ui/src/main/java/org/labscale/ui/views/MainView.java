package org.labscale.ui.views;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.labscale.shared.account.Role;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.project.ProjectDto;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.NotSignedInException;
import org.labscale.ui.session.SignedInUser;

/**
 * Landing page: greets the signed-in user, lists their labs and the selected lab's projects (each a link to its
 * page), links to the selected lab's pages, and lets them create labs and (unless they only view the lab) projects. Without a signed-in session it forwards to the login page.
 */
@Route("")
@PageTitle("Labscale")
public class MainView extends VerticalLayout implements BeforeEnterObserver {

    static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final LabscaleService service;

    final Span greeting = new Span();
    final Button signOut = new Button("Sign out");
    final Div error = new Div();
    final Grid<LabDto> labs = new Grid<>(LabDto.class, false);
    final Button newLab = new Button("New lab");
    final H3 labTitle = new H3();
    final Span roleHint = new Span();
    final Button newProject = new Button("New project");
    final Anchor openLab = new Anchor("", "Open lab →");
    final Grid<ProjectDto> projects = new Grid<>(ProjectDto.class, false);
    final Span projectsEmpty = new Span();

    final LabForm labForm = new LabForm();
    final Dialog labDialog = new Dialog();
    final ProjectForm projectForm = new ProjectForm();
    final Dialog projectDialog = new Dialog();

    /**
     * Set only while {@link #beforeEnter} fills the page: where to send the browser if the API has ended the session
     * meanwhile. The view is not attached to its UI yet, so {@code getUI().navigate} would do nothing then; only the
     * navigation being entered can be forwarded.
     */
    private Runnable sessionEndedWhileEntering;

    public MainView(LabscaleService service) {
        this.service = service;
        setId("main-view");
        setSizeFull();
        add(header(), error, body());
        configureDialogs();
    }

    private HorizontalLayout header() {
        H2 brand = new H2("Labscale");
        brand.getStyle().set("margin", "0").set("color", "var(--lumo-primary-text-color)");
        greeting.setId("greeting");
        signOut.setId("sign-out");
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.addClickListener(e -> signOut());
        HorizontalLayout header = new HorizontalLayout(brand, greeting, signOut);
        header.setWidthFull();
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.expand(greeting);
        error.setId("main-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        error.setVisible(false);
        return header;
    }

    private HorizontalLayout body() {
        labs.setId("lab-list");
        labs.addColumn(LabDto::name).setKey("name").setHeader("Lab").setFlexGrow(1);
        labs.addColumn(l -> roleLabel(l.role())).setKey("role").setHeader("Role")
                .setAutoWidth(true).setFlexGrow(0);
        labs.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        labs.asSingleSelect().addValueChangeListener(e -> {
            if (e.getValue() != null) {
                showLab(e.getValue());
            } else if (e.isFromClient()) {
                labs.select(e.getOldValue()); // keep one lab selected; a second click must not empty the page
            }
        });
        newLab.setId("new-lab");
        newLab.addClickListener(e -> {
            labForm.clear();
            labDialog.open();
        });
        VerticalLayout left = new VerticalLayout(new H3("Your labs"), labs, newLab);
        left.setPadding(false);
        left.setWidth("20rem");
        left.setHeightFull();
        left.setFlexGrow(1, labs);

        labTitle.setId("lab-title");
        labTitle.getStyle().set("margin", "0");
        roleHint.setId("role-hint");
        roleHint.getStyle().set("color", "var(--lumo-secondary-text-color)");
        newProject.setId("new-project");
        newProject.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newProject.setVisible(false);
        newProject.addClickListener(e -> {
            projectForm.clear();
            projectDialog.open();
        });
        openLab.setId("open-lab");
        HorizontalLayout labHeader = new HorizontalLayout(labTitle, roleHint, openLab, newProject);
        labHeader.setWidthFull();
        labHeader.setAlignItems(FlexComponent.Alignment.BASELINE);
        labHeader.expand(roleHint);
        labHeader.setMinHeight("var(--lumo-size-l)"); // same height whether or not "New project" shows

        projects.setId("project-grid");
        projects.addColumn(new ComponentRenderer<>(p -> new Anchor("labs/" + p.labId() + "/projects/" + p.id(), p.name())))
                .setKey("name").setHeader("Name").setComparator(ProjectDto::name).setSortable(true).setAutoWidth(true);
        projects.addColumn(ProjectDto::description).setKey("description").setHeader("Description").setFlexGrow(2);
        projects.addColumn(new ComponentRenderer<>(MainView::tagBadges)).setKey("tags").setHeader("Tags")
                .setFlexGrow(1);
        projects.addColumn(ProjectDto::imageCount).setKey("images").setHeader("Images").setSortable(true)
                .setWidth("8rem").setFlexGrow(0);
        projects.addColumn(p -> formatInstant(p.updatedAt())).setKey("updated").setHeader("Updated")
                .setComparator(ProjectDto::updatedAt).setSortable(true).setAutoWidth(true).setFlexGrow(0);
        projects.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        projectsEmpty.setId("projects-empty");
        projectsEmpty.getStyle().set("color", "var(--lumo-secondary-text-color)");
        projectsEmpty.setVisible(false);

        VerticalLayout right = new VerticalLayout(labHeader, projectsEmpty, projects);
        right.setPadding(false);
        right.setSizeFull();
        right.setFlexGrow(1, projects);

        HorizontalLayout body = new HorizontalLayout(left, right);
        body.setSizeFull();
        body.setFlexGrow(1, right);
        setFlexGrow(1, body);
        return body;
    }

    private void configureDialogs() {
        labDialog.setId("new-lab-dialog");
        labDialog.setHeaderTitle("New lab");
        labDialog.add(labForm);
        labDialog.setWidth("28rem");
        labForm.addCancelListener(e -> labDialog.close());
        labForm.addSaveListener(e -> call(() -> service.createLab(e.request()), labForm::showError).ifPresent(lab -> {
            labDialog.close();
            refreshLabs(lab.id());
        }));

        projectDialog.setId("new-project-dialog");
        projectDialog.setHeaderTitle("New project");
        projectDialog.add(projectForm);
        projectDialog.setWidth("32rem");
        projectForm.addCancelListener(e -> projectDialog.close());
        projectForm.addSaveListener(e -> {
            LabDto lab = labs.asSingleSelect().getValue();
            if (lab == null) {
                projectDialog.close();
                return;
            }
            call(() -> service.createProject(lab.id(), e.request()), projectForm::showError).ifPresent(p -> {
                projectDialog.close();
                showLab(lab);
            });
        });
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Optional<SignedInUser> user = service.currentUser();
        if (user.isEmpty()) {
            event.forwardTo(LoginView.class);
            return;
        }
        enter(user.get(), () -> event.forwardTo(LoginView.class, LoginView.sessionEnded()));
    }

    /**
     * Fills the page for {@code user}. If the API refuses the session's token (revoked by a sign-out elsewhere or a
     * password change, or expired), {@code toLogin} forwards the browser to the login page instead.
     */
    void enter(SignedInUser user, Runnable toLogin) {
        greeting.setText("Hello, " + user.greetingName());
        sessionEndedWhileEntering = toLogin;
        try {
            refreshLabs(null);
        } finally {
            sessionEndedWhileEntering = null;
        }
    }

    /** Reloads the lab list and selects {@code selectId}, else the lab selected before, else the first. */
    void refreshLabs(UUID selectId) {
        LabDto before = labs.asSingleSelect().getValue();
        UUID wanted = selectId != null ? selectId : before == null ? null : before.id();
        call(service::labs, this::showError).ifPresent(list -> {
            labs.setItems(list);
            LabDto pick = list.stream().filter(l -> l.id().equals(wanted)).findFirst()
                    .orElse(list.isEmpty() ? null : list.get(0));
            if (pick != null) {
                labs.select(pick); // setItems() cleared the selection, so this always fires showLab(pick)
            } else {
                showNoLab();
            }
        });
    }

    void showLab(LabDto lab) {
        labTitle.setText(lab.name());
        openLab.setHref("labs/" + lab.id() + "/projects");
        openLab.setVisible(true);
        Role role = lab.role();
        boolean canEdit = canEditProjects(role);
        roleHint.setText(role == null ? "" : canEdit ? roleLabel(role) : roleLabel(role) + " · read only");
        newProject.setVisible(canEdit);
        call(() -> service.projects(lab.id()), this::showError).ifPresent(list -> {
            projects.setItems(list);
            projectsEmpty.setText(canEdit ? "No projects yet. Create the first one with \u201cNew project\u201d."
                    : "No projects yet.");
            projectsEmpty.setVisible(list.isEmpty());
        });
    }

    private void showNoLab() {
        labTitle.setText("No lab yet");
        openLab.setVisible(false);
        roleHint.setText("");
        newProject.setVisible(false);
        projects.setItems(List.of());
        projectsEmpty.setText("Create a lab with \u201cNew lab\u201d to start.");
        projectsEmpty.setVisible(true);
    }

    void signOut() {
        service.signOut();
        getUI().ifPresent(ui -> ui.navigate(LoginView.class));
    }

    void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /**
     * Runs an API call for this view: an {@link ApiException}'s message goes to {@code onError}, an ended session
     * sends the user to the login page; either way the result is empty.
     */
    private <T> Optional<T> call(Supplier<T> action, java.util.function.Consumer<String> onError) {
        try {
            T result = action.get();
            error.setVisible(false);
            return Optional.ofNullable(result);
        } catch (NotSignedInException e) {
            labDialog.close();
            projectDialog.close();
            if (sessionEndedWhileEntering != null) {
                sessionEndedWhileEntering.run();
            } else {
                getUI().ifPresent(ui -> ui.navigate(LoginView.class, LoginView.sessionEnded()));
            }
        } catch (ApiException e) {
            onError.accept(e.getMessage());
        }
        return Optional.empty();
    }

    /** Whether {@code role} may create and change projects (members and owners; the API refuses viewers). */
    static boolean canEditProjects(Role role) {
        return role != null && role.atLeast(Role.MEMBER);
    }

    /** A role for people: "Owner", "Member", "Viewer"; empty for a role this UI does not know. */
    static String roleLabel(Role role) {
        if (role == null) {
            return "";
        }
        String n = role.name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    static String formatInstant(Instant instant) {
        return instant == null ? "" : UPDATED.format(instant);
    }

    private static Div tagBadges(ProjectDto project) {
        Div tags = new Div();
        tags.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-xs)");
        for (String tag : project.tags() == null ? List.<String>of() : project.tags()) {
            Span badge = new Span(tag);
            badge.getElement().getThemeList().add("badge");
            tags.add(badge);
        }
        return tags;
    }
}
