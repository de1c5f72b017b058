package org.labscale.ui.views.zoo;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.List;
import java.util.UUID;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.sharing.ForkDto;
import org.labscale.shared.sharing.OriginDto;
import org.labscale.shared.sharing.ZooEntryDto;
import org.labscale.ui.service.ZooService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/zoo/:versionId}: a read-only card of any model version the user may see, from the zoo (name,
 * lab, what it segments, validation Jaccard and the images it was measured on, licence, authors, training data and
 * origin). Members go on to "Segment my images with it" (the lab's segment page, the version preselected) or "Fork
 * into my lab" (a copy in this lab; the API's refusal is shown as its sentence). A version the user may not see is
 * "Not found", like a missing one.
 */
@Route(value = "labs/:labId/zoo/:versionId", layout = MainLayout.class)
public class ZooCardView extends LabPage {

    private final ZooService zoo;
    final TextField forkName = new TextField();
    final Button fork = new Button("Fork into my lab");
    final Span forkError = new Span();
    final Div forked = new Div();

    public ZooCardView(ZooService zoo) {
        super(zoo.session());
        this.zoo = zoo;
        forkName.setId("zoo-fork-name");
        forkName.setLabel("Name in this lab");
        fork.setId("zoo-fork");
        forkError.setId("zoo-fork-error");
        forkError.getStyle().set("color", "var(--lumo-error-text-color)");
        forked.setId("zoo-forked");
    }

    /** The URL of a version's zoo card seen from a lab, without the leading slash. */
    public static String path(UUID labId, UUID versionId) {
        return "labs/" + labId + "/zoo/" + versionId;
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        UUID versionId = uuid(event, "versionId");
        ZooEntryDto entry = zoo.entry(versionId).orElseThrow(NotFound::new);
        ModelCard card = zoo.card(versionId).card();
        String name = entry.name() + " \u00b7 version " + entry.version();
        crumb("Model zoo", ZooView.path(lab.id()));
        crumb(entry.name() + " v" + entry.version(), null);
        title(entry.name() + " v" + entry.version());

        H2 heading = new H2(name);
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading, ZooTexts.badge(entry));
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        Div page = new Div();
        page.setId("zoo-card");
        page.setWidthFull();
        page.getStyle().set("max-width", "64rem");
        page.add(header);
        if (canEdit()) {
            Anchor segment = new Anchor("labs/" + lab.id() + "/segment?modelVersion=" + versionId, "");
            Button button = new Button("Segment my images with it");
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            segment.add(button);
            segment.setId("zoo-segment");
            HorizontalLayout actions = new HorizontalLayout(segment);
            actions.setAlignItems(FlexComponent.Alignment.BASELINE);
            if (!lab.id().equals(entry.labId())) {
                forkName.setValue(entry.name());
                fork.addClickListener(e -> fork(entry));
                actions.add(forkName, fork);
            }
            page.add(actions, forkError, forked);
        }
        page.add(facts(entry, card));
        add(page);
    }

    private void fork(ZooEntryDto entry) {
        forkError.setText("");
        forked.removeAll();
        call(() -> zoo.fork(lab.id(), entry.modelId(), entry.version(), forkName.getValue().isBlank() ? null
                : forkName.getValue().strip()), forkError::setText).ifPresent(this::showForked);
    }

    private void showForked(ForkDto copy) {
        Anchor link = new Anchor("labs/" + copy.labId() + "/models/" + copy.id() + "/versions/" + copy.version(),
                copy.name() + " \u00b7 version " + copy.version());
        link.setId("zoo-forked-link");
        forked.add(new Span("Forked into this lab: "), link);
    }

    private Div facts(ZooEntryDto e, ModelCard card) {
        Div facts = new Div();
        facts.setId("zoo-facts");
        facts.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)").set("margin", "var(--lumo-space-m) 0");
        fact(facts, "From the lab", e.labName());
        fact(facts, "Segments", ZooTexts.task(e));
        fact(facts, "Validation Jaccard", ZooTexts.jaccard(e)).setId("zoo-jaccard");
        fact(facts, "Description", e.description());
        fact(facts, "Licence", e.licence());
        fact(facts, "Authors", e.authors() == null ? null : String.join(", ", e.authors()));
        fact(facts, "Published", Formats.instant(e.createdAt()));
        if (e.deprecated()) {
            fact(facts, "Deprecated", e.deprecationReason());
        }
        if (e.latestVersion() != null && e.latestVersion() != e.version()) {
            fact(facts, "Newest version", "version " + e.latestVersion());
        }
        if (card != null && card.net() != null) {
            fact(facts, "Net", card.net().name() + ", ensemble of " + card.ensembleSize());
        }
        if (card != null) {
            fact(facts, "Pixel size", org.labscale.ui.views.model.ModelTexts.pixelSize(card)).setId("zoo-pixel-size");
        }
        List<ModelCard.TrainingData> sets = e.trainingSets() == null ? List.of() : e.trainingSets();
        for (ModelCard.TrainingData t : sets) {
            fact(facts, "Trained on", "training set version " + t.version() + (t.labName() == null ? ""
                    : " of " + t.labName()) + " \u00b7 " + t.contentHash()).getStyle().set("word-break", "break-all");
        }
        OriginDto origin = e.origin();
        if (origin != null) {
            fact(facts, "Forked from", origin.name() + " v" + origin.version() + " of " + origin.labName());
        }
        return new Div(new H3("Card"), facts);
    }

    private static Span fact(Div facts, String name, String value) {
        Span label = new Span(name);
        label.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span v = new Span(value == null || value.isBlank() ? "\u2014" : value);
        facts.add(label, v);
        return v;
    }
}
