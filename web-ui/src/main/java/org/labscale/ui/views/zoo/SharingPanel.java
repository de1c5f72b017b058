package org.labscale.ui.views.zoo;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import java.util.UUID;
import java.util.function.Supplier;
import org.labscale.shared.account.Role;
import org.labscale.shared.lab.LabDto;
import org.labscale.shared.sharing.DeprecationDto;
import org.labscale.shared.sharing.GrantDto;
import org.labscale.shared.sharing.SharingDto;
import org.labscale.shared.sharing.UsageDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.ZooService;
import org.labscale.ui.views.project.Formats;

/**
 * The "Sharing" panel of a lab's own model version: who may use it (private to the lab, shared with the labs granted,
 * or public), the grants, and how often other labs ran, trained on or forked it. Owners change the visibility, grant
 * a lab (picked among their own other labs, or by its id: no other lab is listed, so nothing about labs the user is
 * not in is revealed) and revoke a grant; members deprecate the version with a reason (and take it back); everyone
 * who sees the page may download it as a bioimage.io package. The API's refusal is shown as its sentence.
 */
public class SharingPanel extends Div {

    private final ZooService zoo;
    private final UUID labId;
    private final UUID modelId;
    private final int version;
    final RadioButtonGroup<Visibility> visibility = new RadioButtonGroup<>();
    final Span state = new Span();
    final Grid<GrantDto> grants = new Grid<>();
    final TextField grantee = new TextField();
    final Button grant = new Button("Grant");
    final Span error = new Span();
    final Span usage = new Span();
    final ComboBox<LabDto> ownLabs = new ComboBox<>();
    final Span deprecation = new Span();
    final TextField reason = new TextField();
    final Button deprecate = new Button("Deprecate");
    final Button undeprecate = new Button("Take the deprecation back");
    private boolean updating;

    public SharingPanel(ZooService zoo, LabDto lab, UUID modelId, int version) {
        this.zoo = zoo;
        this.labId = lab.id();
        this.modelId = modelId;
        this.version = version;
        boolean owner = lab.role() == Role.OWNER;
        setId("model-sharing");
        state.setId("sharing-state");
        visibility.setId("sharing-visibility");
        visibility.setItems(Visibility.PRIVATE, Visibility.PUBLIC);
        visibility.setItemLabelGenerator(v -> v == Visibility.PUBLIC ? "Public: every signed-in user"
                : "Private: this lab and the labs granted below");
        visibility.setVisible(owner);
        visibility.addValueChangeListener(e -> {
            if (!updating && e.isFromClient() && e.getValue() != null) {
                apply(() -> zoo.visibility(labId, modelId, version, e.getValue()));
            }
        });
        grants.setId("sharing-grants");
        grants.addColumn(GrantDto::labName).setKey("lab").setHeader("Lab").setAutoWidth(true).setFlexGrow(1);
        grants.addColumn(g -> g.labId().toString()).setKey("labId").setHeader("Lab id").setAutoWidth(true);
        grants.addColumn(g -> Formats.instant(g.grantedAt())).setKey("granted").setHeader("Granted")
                .setAutoWidth(true);
        if (owner) {
            grants.addComponentColumn(g -> {
                Button revoke = new Button("Revoke", e -> apply(() -> zoo.revoke(labId, modelId, version,
                        g.labId())));
                revoke.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
                revoke.addClassName("sharing-revoke");
                return revoke;
            }).setKey("revoke").setAutoWidth(true);
        }
        grants.addThemeVariants(GridVariant.LUMO_COMPACT);
        grants.setAllRowsVisible(true);
        grantee.setId("sharing-grantee");
        grantee.setPlaceholder("Lab id to grant");
        grantee.setWidth("22rem");
        grant.setId("sharing-grant");
        grant.addClickListener(e -> grantTyped());
        error.setId("sharing-error");
        error.getStyle().set("color", "var(--lumo-error-text-color)");
        usage.setId("sharing-usage");
        ownLabs.setId("sharing-own-labs");
        ownLabs.setPlaceholder("One of your other labs");
        ownLabs.setItemLabelGenerator(LabDto::name);
        ownLabs.setWidth("18rem");
        ownLabs.addValueChangeListener(e -> {
            if (e.isFromClient() && e.getValue() != null && apply(() -> zoo.grant(labId, modelId, version,
                    e.getValue().id()))) {
                ownLabs.clear();
            }
        });
        HorizontalLayout grantRow = new HorizontalLayout(ownLabs, new Span("or"), grantee, grant);
        grantRow.setAlignItems(FlexComponent.Alignment.BASELINE);
        grantRow.setVisible(owner);
        Paragraph who = new Paragraph(state);
        who.getStyle().set("margin", "0");
        add(new H3("Sharing"), who, visibility, grants, grantRow, error, usage);
        addDeprecation(lab.role() != Role.VIEWER);
        Anchor export = new Anchor("ui-download/labs/" + labId + "/models/" + modelId + "/versions/" + version
                + "/bioimageio", "Download as a bioimage.io model package (zip)");
        export.setId("bioimageio-export");
        export.setTarget(AnchorTarget.DEFAULT);
        export.getElement().setAttribute("download", true);
        add(new H3("bioimage.io"), new Paragraph(export));
        if (owner) {
            ownLabs.setItems(zoo.grantableLabs(labId));
        }
        load();
    }

    private void addDeprecation(boolean member) {
        deprecation.setId("deprecation-state");
        reason.setId("deprecation-reason");
        reason.setPlaceholder("Why (e.g. superseded by v3, trained on mislabelled data)");
        reason.setWidth("28rem");
        deprecate.setId("deprecate");
        deprecate.addClickListener(e -> deprecation(() -> zoo.deprecate(labId, modelId, version, reason.getValue())));
        undeprecate.setId("undeprecate");
        undeprecate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        undeprecate.addClickListener(e -> deprecation(() -> zoo.undeprecate(labId, modelId, version)));
        HorizontalLayout row = new HorizontalLayout(reason, deprecate, undeprecate);
        row.setAlignItems(FlexComponent.Alignment.BASELINE);
        row.setVisible(member);
        add(new H3("Deprecation"), new Paragraph(deprecation), row);
        deprecation(() -> zoo.deprecation(labId, modelId, version));
    }

    /** Runs a deprecation call and shows the version's state and the model's latest version that is not deprecated. */
    private void deprecation(Supplier<DeprecationDto> call) {
        error.setText("");
        try {
            DeprecationDto d = call.get();
            String latest = d.latestVersion() == null ? "no version of this model is current"
                    : "the latest current version is v" + d.latestVersion();
            deprecation.setText(d.deprecated() ? "Deprecated: " + d.reason() + " (still usable by jobs that name it,"
                    + " hidden from zoo searches); " + latest + "." : "Current; " + latest + ".");
            deprecation.getElement().setAttribute("data-deprecated", Boolean.toString(d.deprecated()));
            deprecate.setVisible(!d.deprecated());
            reason.setVisible(!d.deprecated());
            undeprecate.setVisible(d.deprecated());
            reason.clear();
        } catch (ApiException e) {
            error.setText(e.getMessage());
        }
    }

    private void load() {
        apply(() -> zoo.sharing(labId, modelId, version));
        try {
            UsageDto u = zoo.usage(labId, modelId, version);
            usage.setText("Used by other labs: " + u.segmentations() + " segmentation(s), " + u.trainings()
                    + " training(s), " + u.forks() + " fork(s), by " + u.labs() + " lab(s).");
        } catch (ApiException e) {
            usage.setText(e.getMessage());
        }
    }

    private void grantTyped() {
        UUID lab;
        try {
            lab = UUID.fromString(grantee.getValue().strip());
        } catch (IllegalArgumentException e) {
            error.setText("Type the id of the lab to grant (as shown in its address, labs/<id>/...).");
            return;
        }
        if (apply(() -> zoo.grant(labId, modelId, version, lab))) {
            grantee.clear();
        }
    }

    /** Runs a sharing call and shows its answer; on refusal shows the API's sentence. */
    private boolean apply(Supplier<SharingDto> call) {
        error.setText("");
        try {
            show(call.get());
            return true;
        } catch (ApiException e) {
            error.setText(e.getMessage());
            return false;
        }
    }

    private void show(SharingDto sharing) {
        updating = true;
        try {
            Visibility v = sharing.visibility();
            visibility.setValue(v == Visibility.PUBLIC ? Visibility.PUBLIC : Visibility.PRIVATE);
            state.setText(switch (v) {
                case PUBLIC -> "Public: every signed-in user may find it in the zoo and segment with it.";
                case SHARED -> "Shared with " + sharing.grants().size() + " lab(s), who may segment with it and fork"
                        + " it.";
                case PRIVATE -> "Private: only this lab sees it.";
            });
            state.getElement().setAttribute("data-visibility", v.name());
            grants.setItems(sharing.grants());
            grants.setVisible(!sharing.grants().isEmpty());
        } finally {
            updating = false;
        }
    }
}
