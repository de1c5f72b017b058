package org.labscale.ui.views.trainingset;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.List;
import java.util.Map;
import java.util.Comparator;
import java.util.HashMap;
import java.util.UUID;
import org.labscale.shared.annotation.AnnotationDto;
import org.labscale.shared.annotation.AnnotationVersionDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.trainingset.TrainingItemDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;
import org.labscale.ui.views.training.TrainDialog;

/**
 * {@code /labs/:labId/training-sets/:setId/versions/:version}: what a frozen version holds (each image with its
 * thumbnail, the annotation version and its cell count, the channel roles), its content hash, who froze it and when;
 * members and owners "Train a model" from it ({@link TrainDialog}).
 */
@Route(value = "labs/:labId/training-sets/:setId/versions/:version", layout = MainLayout.class)
public class TrainingSetVersionView extends LabPage {

    /** Items shown with their image's and annotation's details (each costs the API a few calls). */
    static final int MAX_DETAILED = 200;

    private final TrainingService training;
    final Grid<Item> items = new Grid<>();

    /** One frozen item with what the page shows of it. */
    record Item(TrainingItemDto frozen, String imageName, String annotation, Integer cells) {
    }

    public TrainingSetVersionView(LabscaleService service, TrainingService training) {
        super(service);
        this.training = training;
        items.setId("version-items");
        items.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        items.setSizeFull();
    }

    /** The URL of a version's page, without the leading slash. */
    public static String path(UUID labId, TrainingSetVersionDto v) {
        return "labs/" + labId + "/training-sets/" + v.trainingSetId() + "/versions/" + v.version();
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        TrainingSetDto set = training.trainingSet(uuid(event, "setId"));
        if (!set.labId().equals(lab.id())) {
            throw new NotFound();
        }
        int number = number(event);
        TrainingSetVersionDto version = training.version(set.id(), number);
        crumb("Training sets", "labs/" + lab.id() + "/training-sets");
        crumb(set.name(), TrainingSetView.path(set));
        crumb("Version " + number, null);
        title(set.name() + " v" + number);

        H2 heading = new H2(set.name() + " \u00b7 version " + number);
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        List<Item> described = version.items().stream().limit(MAX_DETAILED).map(this::describe).toList();
        Map<UUID, String> names = new HashMap<>();
        described.forEach(i -> names.put(i.frozen().imageId(), i.imageName()));
        if (canEdit()) {
            Button train = new Button("Train a model", e -> new TrainDialog(training, lab.id(), set, version, names)
                    .open());
            train.setId("train-model");
            train.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(train);
        }
        Anchor export = new Anchor("ui-download/training-sets/" + set.id() + "/versions/" + number + "/package",
                "Download as a zip (images, masks, manifest with checksums)");
        export.setId("training-set-export");
        export.getElement().setAttribute("download", true);
        header.add(export);
        add(header, facts(version, TrainingSetView.people(service, lab.id()).getOrDefault(version.createdBy(), "")));

        items.addComponentColumn(i -> thumbnail(i)).setHeader("").setWidth("5.5rem").setFlexGrow(0);
        items.addComponentColumn(i -> new Anchor("labs/" + lab.id() + "/images/" + i.frozen().imageId(),
                i.imageName())).setKey("image").setHeader("Image").setAutoWidth(true).setFlexGrow(1);
        items.addColumn(Item::annotation).setKey("annotation").setHeader("Annotation (frozen version)")
                .setAutoWidth(true);
        items.addColumn(i -> i.cells() == null ? "" : i.cells().toString()).setKey("cells").setHeader("Cells")
                .setWidth("6rem").setFlexGrow(0);
        items.addColumn(i -> roles(i.frozen().channelRoles())).setKey("roles").setHeader("Channel roles")
                .setAutoWidth(true);
        items.setItems(described);
        add(items);
        setFlexGrow(1, items);
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

    private Div facts(TrainingSetVersionDto v, String by) {
        Div facts = new Div();
        facts.setId("version-facts");
        facts.getStyle().set("display", "grid").set("grid-template-columns", "max-content 1fr")
                .set("gap", "var(--lumo-space-xs) var(--lumo-space-m)");
        fact(facts, "Content hash", v.contentHash(), "version-hash");
        fact(facts, "Images", Integer.toString(v.items().size()), null);
        fact(facts, "Frozen by", by, null);
        fact(facts, "When", Formats.instant(v.createdAt()), null);
        if (v.notes() != null && !v.notes().isBlank()) {
            fact(facts, "Notes", v.notes(), null);
        }
        return facts;
    }

    private static void fact(Div facts, String name, String value, String id) {
        Span n = new Span(name);
        n.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Span v = new Span(value == null || value.isEmpty() ? "\u2014" : value);
        if (id != null) {
            v.setId(id);
            v.getStyle().set("font-family", "var(--lumo-font-family-monospace, monospace)")
                    .set("word-break", "break-all");
        }
        facts.add(n, v);
    }

    private Item describe(TrainingItemDto item) {
        String imageName = item.imageId().toString();
        String annotation = "v" + item.annotationVersion() + " \u00b7 " + kind(item);
        Integer cells = null;
        try {
            ImageDto image = service.image(item.imageId());
            imageName = image.name();
            for (AnnotationDto a : service.annotations(item.imageId())) {
                if (a.id().equals(item.annotationId())) {
                    annotation = a.name() + " " + annotation;
                }
            }
            for (AnnotationVersionDto av : training.annotationVersions(item.annotationId())) {
                if (av.version() == item.annotationVersion()) {
                    cells = av.cellCount();
                }
            }
        } catch (ApiException gone) {
            // deleted since the version was frozen: the frozen facts remain
        }
        return new Item(item, imageName, annotation, cells);
    }

    private static String kind(TrainingItemDto item) {
        return item.annotationKind() == null ? "" : item.annotationKind().name().toLowerCase().replace('_', ' ');
    }

    private static Image thumbnail(Item i) {
        Image thumb = new Image("ui-api/images/" + i.frozen().imageId() + "/thumbnail", "Thumbnail of "
                + i.imageName());
        thumb.setHeight("3.5rem");
        thumb.getStyle().set("border-radius", "var(--lumo-border-radius-s)").set("background", "#000");
        return thumb;
    }

    /** "0 nuclear · 1 phase". */
    static String roles(Map<String, String> roles) {
        if (roles == null || roles.isEmpty()) {
            return "";
        }
        List<String> parts = roles.entrySet().stream().sorted(Comparator.comparingInt(e -> channel(e.getKey())))
                .map(e -> e.getKey() + " " + e.getValue()).toList();
        return String.join(" \u00b7 ", parts);
    }

    private static int channel(String key) {
        try {
            return Integer.parseInt(key);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
