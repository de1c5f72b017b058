package org.labscale.ui.views.trainingset;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.labscale.shared.lab.MemberDto;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/training-sets/:setId}: one training set and its frozen versions (number, content hash, images,
 * who and when); members and owners freeze a new version.
 */
@Route(value = "labs/:labId/training-sets/:setId", layout = MainLayout.class)
public class TrainingSetView extends LabPage {

    private final TrainingService training;
    final Grid<TrainingSetVersionDto> versions = new Grid<>();

    public TrainingSetView(LabscaleService service, TrainingService training) {
        super(service);
        this.training = training;
        versions.setId("versions-grid");
        versions.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        versions.setSizeFull();
    }

    /** The URL of a set's page, without the leading slash. */
    static String path(TrainingSetDto set) {
        return "labs/" + set.labId() + "/training-sets/" + set.id();
    }

    /** The first 12 hex digits of a hash, enough to tell versions apart at a glance. */
    static String shortHash(String hash) {
        return hash == null ? "" : hash.length() > 12 ? hash.substring(0, 12) : hash;
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        TrainingSetDto set = training.trainingSet(uuid(event, "setId"));
        if (!set.labId().equals(lab.id())) {
            throw new NotFound();
        }
        crumb("Training sets", "labs/" + lab.id() + "/training-sets");
        crumb(set.name(), null);
        title(set.name());
        Map<UUID, String> people = people(service, lab.id());
        versions.addComponentColumn(v -> new Anchor(TrainingSetVersionView.path(lab.id(), v), "Version " + v.version()))
                .setKey("version").setHeader("Version").setAutoWidth(true);
        versions.addColumn(v -> shortHash(v.contentHash())).setKey("hash").setHeader("Content hash").setAutoWidth(true);
        versions.addColumn(v -> v.items() == null ? 0 : v.items().size()).setKey("images").setHeader("Images")
                .setWidth("7rem").setFlexGrow(0);
        versions.addColumn(v -> people.getOrDefault(v.createdBy(), "")).setKey("by").setHeader("Frozen by")
                .setAutoWidth(true);
        versions.addColumn(v -> Formats.instant(v.createdAt())).setKey("created").setHeader("When").setAutoWidth(true);
        versions.addColumn(v -> v.notes() == null ? "" : v.notes()).setKey("notes").setHeader("Notes").setFlexGrow(2);
        H2 heading = new H2(set.name());
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (canEdit()) {
            Button add = new Button("New version", e -> {
                VersionBuilder builder = new VersionBuilder(service, training, lab.id(), set);
                builder.addFrozenListener(f -> getUI().ifPresent(ui -> ui.navigate(
                        TrainingSetVersionView.path(lab.id(), f.version()))));
                builder.start();
            });
            add.setId("new-version");
            add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            header.add(add);
        }
        add(header);
        if (set.description() != null && !set.description().isBlank()) {
            add(new Paragraph(set.description()));
        }
        add(versions);
        setFlexGrow(1, versions);
        versions.setItems(training.versions(set.id()));
    }

    /** The lab's members by user id, as "Name (email)"; empty when the caller may not list them. */
    static Map<UUID, String> people(LabscaleService service, UUID labId) {
        try {
            return service.members(labId).stream().collect(Collectors.toMap(MemberDto::userId,
                    m -> m.displayName() == null || m.displayName().isBlank() ? m.email() : m.displayName(),
                    (a, b) -> a));
        } catch (org.labscale.ui.api.ApiErrorException e) {
            return Map.of();
        }
    }
}
