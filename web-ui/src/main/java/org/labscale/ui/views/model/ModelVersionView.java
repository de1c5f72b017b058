package org.labscale.ui.views.model;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.labscale.shared.model.ModelCard;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelMemberDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.model.TrainingQuality;
import org.labscale.shared.segmentation.PostProcessing;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.service.ZooService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;
import org.labscale.ui.views.training.CurveSvg;
import org.labscale.ui.views.zoo.SharingPanel;

/**
 * {@code /labs/:labId/models/:modelId/versions/:version}: a model version's card: what it segments, whether it
 * learnt (quality warnings first), its training curves and validation metrics, the recommended post-processing, its
 * provenance (training sets and hashes, settings, seed, software) and downloads of its members (through the UI,
 * {@code proxy/ModelMemberServlet}); members and owners go on to "Segment images with this model".
 */
@Route(value = "labs/:labId/models/:modelId/versions/:version", layout = MainLayout.class)
public class ModelVersionView extends LabPage {

    private final TrainingService training;
    private final ZooService zoo;

    public ModelVersionView(LabscaleService service, TrainingService training, ZooService zoo) {
        super(service);
        this.training = training;
        this.zoo = zoo;
    }

    /** The URL of a version's card, without the leading slash. */
    public static String path(ModelDto model, int version) {
        return "labs/" + model.labId() + "/models/" + model.id() + "/versions/" + version;
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        UUID modelId = uuid(event, "modelId");
        int number = number(event);
        ModelDto model = training.model(lab.id(), modelId);
        ModelVersionDto version = training.modelVersion(lab.id(), modelId, number);
        ModelCard card = version.card();
        crumb("Models", "labs/" + lab.id() + "/models");
        crumb(model.name() + " v" + number, null);
        title(model.name() + " v" + number);

        H2 heading = new H2(model.name() + " \u00b7 version " + number);
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (canEdit()) {
            Anchor segment = new Anchor("labs/" + lab.id() + "/segment?modelVersion=" + version.id(), "");
            Button button = new Button("Segment images with this model");
            button.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            segment.add(button);
            segment.setId("segment-with-model");
            header.add(segment);
        }
        Div page = new Div();
        page.setId("model-card");
        page.setWidthFull();
        page.getStyle().set("max-width", "64rem");
        page.add(header);
        if (card != null) {
            page.add(summary(card, version));
            quality(page, card.quality());
            page.add(new H3("Training curves"));
            Div curves = new Div();
            curves.setId("model-curves");
            int epochs = card.trainingCurves() == null ? 1 : card.trainingCurves().stream()
                    .mapToInt(ModelCard.EpochMetrics::epoch).max().orElse(1);
            curves.getElement().setProperty("innerHTML", CurveSvg.render(card.trainingCurves() == null
                    ? java.util.List.of() : card.trainingCurves(), epochs, card.classes().size()));
            page.add(curves);
            page.add(new H3("Validation"), metrics(card));
            page.add(new H3("Recommended post-processing"), postProcessing(card.recommendedPostProcessing()));
            page.add(new H3("Provenance"), provenance(card));
        }
        page.add(new H3("Downloads"), downloads(model, version));
        page.add(new SharingPanel(zoo, lab, modelId, number));
        add(page);
    }

    private static int number(BeforeEnterEvent event) {
        try {
            int n = Integer.parseInt(event.getRouteParameters().get("version").orElse(""));
            if (n < 1) {
                throw new NotFound();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new NotFound();
        }
    }

    private Div summary(ModelCard card, ModelVersionDto version) {
        Div facts = facts("model-summary");
        fact(facts, "Segments", ModelTexts.task(card));
        fact(facts, "Net", ModelTexts.preset(card) + " (" + card.receptiveField() + " \u00d7 " + card.receptiveField()
                + " px receptive field)");
        fact(facts, "Ensemble", card.ensembleSize() + " member(s), predictions averaged");
        fact(facts, "Pixel size", ModelTexts.pixelSize(card)).setId("model-pixel-size");
        fact(facts, "Created", Formats.instant(version.createdAt()));
        if (card.authors() != null && !card.authors().isEmpty()) {
            fact(facts, "Trained by", String.join(", ", card.authors()));
        }
        if (card.description() != null && !card.description().isBlank()) {
            fact(facts, "Description", card.description());
        }
        if (card.licence() != null) {
            fact(facts, "Licence", card.licence());
        }
        if (version.jobId() != null) {
            facts.add(label("Training job"), new Anchor("labs/" + lab.id() + "/jobs/" + version.jobId(),
                    version.jobId().toString().substring(0, 8)));
        }
        return facts;
    }

    private static void quality(Div page, TrainingQuality quality) {
        if (quality == null) {
            return;
        }
        Div box = new Div();
        box.setId("model-quality");
        box.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("margin", "var(--lumo-space-m) 0")
                .set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", quality.recommended() ? "var(--lumo-success-color-10pct)"
                        : "var(--lumo-error-color-10pct)");
        Span verdict = new Span(quality.recommended() ? "Learning check passed: the ensemble does clearly better than"
                + " chance." : "Not recommended: the ensemble does no better than chance (loss "
                + String.format(Locale.ROOT, "%.2f", quality.chanceLoss()) + ").");
        verdict.getStyle().set("font-weight", "600");
        box.add(verdict);
        UnorderedList members = new UnorderedList();
        for (TrainingQuality.MemberCheck m : quality.members()) {
            members.add(new ListItem("Member " + (m.member() + 1) + ": " + m.verdict() + ", best validation loss "
                    + String.format(Locale.ROOT, "%.3f", m.validationLoss()) + " (chance "
                    + String.format(Locale.ROOT, "%.3f", quality.chanceLoss()) + "), seed " + m.seed()
                    + (m.attempts() > 1 ? ", retrained once" : "")));
        }
        box.add(members);
        box.add(new Paragraph(quality.trainingImages() + " image(s) trained on; " + (quality.validationImageIds()
                .isEmpty() ? "pixels of the images held out for validation" : quality.validationImageIds().size()
                + " image(s) held out whole" + (quality.heldOutCells() == null ? "" : ", with "
                + quality.heldOutCells() + " cells")) + "."));
        for (String warning : quality.warnings()) {
            Paragraph w = new Paragraph("\u26a0 " + warning);
            w.addClassName("quality-warning");
            w.getStyle().set("color", "var(--lumo-error-text-color)").set("margin", "var(--lumo-space-xs) 0");
            box.add(w);
        }
        page.add(box);
    }

    private static Div metrics(ModelCard card) {
        Div facts = facts("model-metrics");
        Map<String, Double> all = card.validationMetrics() == null ? Map.of() : card.validationMetrics();
        ModelTexts.METRICS.forEach((key, label) -> {
            if (all.containsKey(key)) {
                fact(facts, label, ModelTexts.number(all.get(key))).getElement().setAttribute("data-metric", key);
            }
        });
        new TreeMap<>(all).forEach((key, value) -> {
            if (!ModelTexts.METRICS.containsKey(key)) {
                fact(facts, key, ModelTexts.number(value)).getElement().setAttribute("data-metric", key);
            }
        });
        return facts;
    }

    private static Component postProcessing(PostProcessing p) {
        if (p == null) {
            Paragraph none = new Paragraph("None chosen (too few cells were held out to choose): segmentation uses the"
                    + " defaults, a 0.5 threshold on the interior probability and connected components.");
            none.setId("model-post-processing");
            return none;
        }
        Div facts = facts("model-post-processing");
        fact(facts, "Method", p.method() == null ? "" : p.method().name().toLowerCase().replace('_', ' '));
        fact(facts, "Threshold", p.threshold() == null ? "" : ModelTexts.number(p.threshold()));
        fact(facts, "Smallest cell (px)", p.minArea() == null ? "" : p.minArea().toString());
        fact(facts, "Largest cell (px)", p.maxArea() == null ? "no limit" : p.maxArea().toString());
        fact(facts, "Fill holes", p.fillHoles() == null ? "" : p.fillHoles() ? "yes" : "no");
        fact(facts, "Seed threshold", p.seedThreshold() == null ? "" : ModelTexts.number(p.seedThreshold()));
        fact(facts, "Regrowth (px)", p.regrowth() == null ? "" : p.regrowth().toString());
        fact(facts, "Smoothing", p.smoothing() == null ? "" : p.smoothing().toString());
        Paragraph why = new Paragraph("Chosen on the held-out validation images; segmentation jobs of this model use it"
                + " unless they say otherwise.");
        why.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        return new Div(facts, why);
    }

    private Div provenance(ModelCard card) {
        Div facts = facts("model-provenance");
        if (card.trainingSets() != null) {
            for (ModelCard.TrainingData t : card.trainingSets()) {
                Anchor set = new Anchor("labs/" + lab.id() + "/training-sets/" + t.trainingSetId() + "/versions/"
                        + t.version(), "version " + t.version() + " \u00b7 " + t.contentHash());
                set.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                        .set("word-break", "break-all");
                facts.add(label("Training set"), set);
            }
        }
        Map<String, Object> p = card.provenance() == null ? Map.of() : card.provenance();
        if (p.get("seed") != null) {
            fact(facts, "Seed", String.valueOf(p.get("seed")));
        }
        if (p.get("hyperParameters") instanceof Map<?, ?> hyper) {
            new TreeMap<>(hyper.entrySet().stream().collect(java.util.stream.Collectors.toMap(
                    e -> String.valueOf(e.getKey()), e -> String.valueOf(e.getValue()))))
                    .forEach((k, v) -> fact(facts, k, v));
        }
        if (p.get("libraries") instanceof Map<?, ?> libraries) {
            fact(facts, "Software", libraries.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .sorted().collect(java.util.stream.Collectors.joining(", ")));
        }
        if (p.get("gitRevision") != null) {
            fact(facts, "Labscale revision", String.valueOf(p.get("gitRevision")));
        }
        if (card.normalization() != null) {
            fact(facts, "Normalisation", card.normalization().entrySet().stream().map(e -> e.getKey() + " "
                    + e.getValue()).collect(java.util.stream.Collectors.joining(", ")));
        }
        return facts;
    }

    private Div downloads(ModelDto model, ModelVersionDto version) {
        Div list = new Div();
        list.setId("model-downloads");
        for (ModelMemberDto m : version.members()) {
            Anchor a = new Anchor("ui-download/labs/" + lab.id() + "/models/" + model.id() + "/versions/"
                    + version.version() + "/members/" + m.index(), "member-" + m.index() + ".onnx");
            a.getElement().setAttribute("download", true);
            a.getElement().setAttribute("router-ignore", true);
            a.setTarget(AnchorTarget.DEFAULT);
            a.addClassName("member-download");
            Span facts = new Span(" " + Formats.bytes(m.sizeBytes()) + " \u00b7 SHA-256 " + m.sha256());
            facts.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)")
                    .set("word-break", "break-all");
            Div row = new Div(a, facts);
            list.add(row);
        }
        Paragraph how = new Paragraph("Each member is an ONNX file; the card's channels, classes and normalisation are"
                + " also stored in every member's metadata.");
        how.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        list.add(how);
        return list;
    }

    private static Div facts(String id) {
        Div facts = new Div();
        facts.setId(id);
        facts.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)").set("margin", "var(--lumo-space-s) 0");
        return facts;
    }

    private static Span label(String text) {
        Span n = new Span(text);
        n.getStyle().set("color", "var(--lumo-secondary-text-color)");
        return n;
    }

    private static Span fact(Div facts, String name, String value) {
        Span v = new Span(value == null || value.isEmpty() ? "\u2014" : value);
        facts.add(label(name), v);
        return v;
    }
}
