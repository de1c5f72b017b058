package org.labscale.ui.views.settings;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.Locale;
import org.labscale.shared.account.CreateTokenRequest;
import org.labscale.shared.account.Role;
import org.labscale.shared.account.TokenDto;
import org.labscale.shared.account.TokenScope;
import org.labscale.shared.job.JobQuotaDto;
import org.labscale.shared.job.WorkerDto;
import org.labscale.shared.lab.InvitationDto;
import org.labscale.shared.lab.InvitationRequest;
import org.labscale.shared.lab.MemberDto;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/settings}: the lab's members and their roles; for owners also invitations (the link shown
 * once), role changes and removals, and the lab's own worker tokens (shown once, revocable); for everyone their
 * personal API tokens (shown once, revocable) and the lab's job quota. Nobody sees a button the API would refuse
 * them.
 */
@Route(value = "labs/:labId/settings", layout = MainLayout.class)
public class SettingsView extends LabPage {

    final Grid<MemberDto> members = new Grid<>(MemberDto.class, false);
    final Grid<InvitationDto> invitations = new Grid<>(InvitationDto.class, false);
    final Grid<TokenDto> tokens = new Grid<>(TokenDto.class, false);
    final Grid<WorkerDto> workers = new Grid<>(WorkerDto.class, false);
    final Paragraph sectionError = new Paragraph();
    final Paragraph quota = new Paragraph();

    public SettingsView(LabscaleService service) {
        super(service);
        sectionError.setId("settings-error");
        sectionError.getStyle().set("color", "var(--lumo-error-text-color)");
        sectionError.setVisible(false);
        quota.setId("lab-quota");
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Settings of " + lab.name());
        crumb("Lab settings", null);
        H2 heading = new H2("Lab settings");
        heading.getStyle().set("margin", "0");
        add(heading, sectionError);
        boolean owner = lab.role() == Role.OWNER;
        add(new H3("Quota"), quota);
        add(new H3("Members"), membersGrid(owner));
        if (owner) {
            add(new H3("Invitations"), inviteForm(), invitationsGrid());
        }
        add(new H3("Your API tokens"), new Paragraph("For scripts and the command line; they act as you in every lab"
                + " you belong to."), tokenForm(), tokensGrid());
        if (owner) {
            add(new H3("Workers of this lab"), new Paragraph("A worker runs this lab's training and segmentation jobs"
                    + " on your own machine; give it the token shown when you add it."), workerForm(), workersGrid());
        }
        refreshAll();
    }

    private void refreshAll() {
        call(() -> service.jobQuota(lab.id()), this::sectionError).ifPresent(q -> quota.setText(quotaText(q)));
        call(() -> service.members(lab.id()), this::sectionError).ifPresent(members::setItems);
        if (lab.role() == Role.OWNER) {
            call(() -> service.invitations(lab.id()), this::sectionError).ifPresent(list -> invitations.setItems(
                    list.stream().filter(i -> i.acceptedAt() == null && i.revokedAt() == null).toList()));
            call(() -> service.workers(lab.id()), this::sectionError).ifPresent(workers::setItems);
        }
        call(service::tokens, this::sectionError).ifPresent(tokens::setItems);
    }

    /** The quota in words: the limit and what runs now. */
    static String quotaText(JobQuotaDto q) {
        return "At most " + q.maxRunning() + (q.maxRunning() == 1 ? " job" : " jobs") + " of this lab run at once;"
                + " " + q.running() + " " + (q.running() == 1 ? "runs" : "run") + " now. Further jobs wait in the"
                + " queue. An administrator sets the limit.";
    }

    private void sectionError(String message) {
        sectionError.setText(message);
        sectionError.setVisible(true);
    }

    private <T> void done(T ignored) {
        sectionError.setVisible(false);
        refreshAll();
    }

    private Grid<MemberDto> membersGrid(boolean owner) {
        members.setId("members-grid");
        members.addColumn(m -> m.displayName() == null ? "" : m.displayName()).setKey("name").setHeader("Name")
                .setAutoWidth(true);
        members.addColumn(MemberDto::email).setKey("email").setHeader("Email").setAutoWidth(true);
        if (owner) {
            members.addComponentColumn(this::roleSelect).setKey("role").setHeader("Role").setAutoWidth(true);
            members.addComponentColumn(m -> {
                Button remove = new Button("Remove", e -> call(() -> {
                    service.removeMember(lab.id(), m.userId());
                    return m;
                }, this::sectionError).ifPresent(this::done));
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
                remove.getElement().setAttribute("data-action", "remove");
                return remove;
            }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        } else {
            members.addColumn(m -> label(m.role())).setKey("role").setHeader("Role").setAutoWidth(true);
        }
        members.addColumn(m -> Formats.instant(m.since())).setKey("since").setHeader("Member since").setAutoWidth(true);
        members.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        members.setAllRowsVisible(true);
        return members;
    }

    private Select<Role> roleSelect(MemberDto member) {
        Select<Role> role = new Select<>();
        role.setItems(Role.values());
        role.setItemLabelGenerator(SettingsView::label);
        role.setValue(member.role());
        role.addThemeName("small");
        role.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null) {
                call(() -> service.changeRole(lab.id(), member.userId(), e.getValue()), this::sectionError)
                        .ifPresentOrElse(this::done, () -> role.setValue(e.getOldValue()));
            }
        });
        return role;
    }

    private HorizontalLayout inviteForm() {
        EmailField email = new EmailField("Email");
        email.setId("invite-email");
        Select<Role> role = new Select<>();
        role.setId("invite-role");
        role.setLabel("Role");
        role.setItems(Role.values());
        role.setItemLabelGenerator(SettingsView::label);
        role.setValue(Role.MEMBER);
        Button invite = new Button("Invite", e -> call(() -> service.invite(lab.id(),
                new InvitationRequest(email.getValue().strip(), role.getValue(), null)), this::sectionError)
                .ifPresent(i -> {
                    done(i);
                    email.clear();
                    getUI().ifPresent(ui -> ui.getPage().fetchCurrentURL(url -> SecretDialog.show("Invitation for "
                            + i.email(), "Send this link to " + i.email() + "; whoever opens it joins the lab as "
                            + label(i.role()).toLowerCase(Locale.ROOT) + ".", joinLink(url, i.token()))));
                }));
        invite.setId("invite");
        invite.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(email, role, invite);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    /** The join page's address on this UI, whatever page the owner is on. */
    static String joinLink(java.net.URL current, String token) {
        String base = current.getProtocol() + "://" + current.getAuthority();
        return base + "/join?token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8);
    }

    private Grid<InvitationDto> invitationsGrid() {
        invitations.setId("invitations-grid");
        invitations.addColumn(InvitationDto::email).setKey("email").setHeader("Email").setAutoWidth(true);
        invitations.addColumn(i -> label(i.role())).setKey("role").setHeader("Role").setAutoWidth(true);
        invitations.addColumn(i -> Formats.instant(i.expiresAt())).setKey("expires").setHeader("Expires")
                .setAutoWidth(true);
        invitations.addComponentColumn(i -> {
            Button revoke = new Button("Revoke", e -> call(() -> {
                service.revokeInvitation(lab.id(), i.id());
                return i;
            }, this::sectionError).ifPresent(this::done));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            return revoke;
        }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        invitations.setAllRowsVisible(true);
        return invitations;
    }

    private HorizontalLayout tokenForm() {
        TextField name = new TextField("What it is for");
        name.setId("token-name");
        name.setPlaceholder("e.g. nightly pipeline");
        Select<TokenScope> scope = new Select<>();
        scope.setId("token-scope");
        scope.setLabel("May");
        scope.setItems(TokenScope.values());
        scope.setItemLabelGenerator(s -> s == TokenScope.READ ? "Read only" : "Read and write");
        scope.setValue(TokenScope.READ_WRITE);
        IntegerField days = new IntegerField("Valid for (days)");
        days.setId("token-days");
        days.setValue(90);
        days.setMin(1);
        days.setMax(365);
        Button create = new Button("Create token", e -> call(() -> service.createToken(
                new CreateTokenRequest(name.getValue().strip(), scope.getValue(), days.getValue())), this::sectionError)
                .ifPresent(t -> {
                    done(t);
                    name.clear();
                    SecretDialog.show("API token \u201c" + t.name() + "\u201d", "Use it as"
                            + " \u201cAuthorization: Bearer <token>\u201d or with labscale-cli login --token.", t.token());
                }));
        create.setId("create-token");
        HorizontalLayout form = new HorizontalLayout(name, scope, days, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private Grid<TokenDto> tokensGrid() {
        tokens.setId("tokens-grid");
        tokens.addColumn(TokenDto::name).setKey("name").setHeader("Name").setAutoWidth(true);
        tokens.addColumn(t -> t.scope() == TokenScope.READ ? "Read only" : "Read and write").setKey("scope")
                .setHeader("May").setAutoWidth(true);
        tokens.addColumn(t -> t.prefix() + "\u2026").setKey("prefix").setHeader("Starts with").setAutoWidth(true);
        tokens.addColumn(t -> Formats.instant(t.expiresAt())).setKey("expires").setHeader("Expires").setAutoWidth(true);
        tokens.addColumn(t -> Formats.instant(t.lastUsedAt())).setKey("used").setHeader("Last used").setAutoWidth(true);
        tokens.addColumn(t -> t.revokedAt() == null ? "Active" : "Revoked " + Formats.instant(t.revokedAt()))
                .setKey("status").setHeader("Status").setAutoWidth(true);
        tokens.addComponentColumn(t -> {
            Button revoke = new Button("Revoke", e -> call(() -> {
                service.revokeToken(t.id());
                return t;
            }, this::sectionError).ifPresent(this::done));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.getElement().setAttribute("data-action", "revoke");
            revoke.getElement().setAttribute("data-token", t.name());
            revoke.setVisible(t.revokedAt() == null);
            return revoke;
        }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        tokens.setAllRowsVisible(true);
        return tokens;
    }

    private HorizontalLayout workerForm() {
        TextField name = new TextField("Worker name");
        name.setId("worker-name");
        name.setPlaceholder("e.g. gpu-box-2");
        Button create = new Button("Add worker", e -> call(() -> service.createWorker(lab.id(), name.getValue().strip()),
                this::sectionError).ifPresent(w -> {
                    done(w);
                    name.clear();
                    SecretDialog.show("Worker \u201c" + w.name() + "\u201d", "Start the worker with"
                            + " LABSCALE_WORKER_TOKEN set to this token.", w.token());
                }));
        create.setId("create-worker");
        HorizontalLayout form = new HorizontalLayout(name, create);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private Grid<WorkerDto> workersGrid() {
        workers.setId("workers-grid");
        workers.addColumn(WorkerDto::name).setKey("name").setHeader("Name").setAutoWidth(true);
        workers.addColumn(w -> w.tokenPrefix() + "\u2026").setKey("prefix").setHeader("Token starts with")
                .setAutoWidth(true);
        workers.addColumn(w -> w.host() == null ? "not registered yet" : w.host()).setKey("host").setHeader("Host")
                .setAutoWidth(true);
        workers.addColumn(w -> Formats.instant(w.lastSeenAt())).setKey("seen").setHeader("Last seen").setAutoWidth(true);
        workers.addColumn(w -> w.revokedAt() == null ? "Active" : "Revoked").setKey("status").setHeader("Status")
                .setAutoWidth(true);
        workers.addComponentColumn(w -> {
            Button revoke = new Button("Revoke", e -> call(() -> {
                service.revokeWorker(lab.id(), w.id());
                return w;
            }, this::sectionError).ifPresent(this::done));
            revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_TERTIARY);
            revoke.setVisible(w.revokedAt() == null);
            return revoke;
        }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        workers.setAllRowsVisible(true);
        return workers;
    }

    static String label(Role role) {
        return role == null ? "" : role.name().charAt(0) + role.name().substring(1).toLowerCase(Locale.ROOT);
    }
}
