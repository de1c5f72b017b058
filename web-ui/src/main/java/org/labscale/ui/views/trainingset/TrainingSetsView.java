package org.labscale.ui.views.trainingset;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.stream.Stream;
import org.labscale.shared.trainingset.TrainingSetDto;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/training-sets}: the lab's training sets in a lazy grid (name, versions, the latest version's
 * content hash, created); members and owners build a new one from annotated images ({@link VersionBuilder}).
 */
@Route(value = "labs/:labId/training-sets", layout = MainLayout.class)
public class TrainingSetsView extends LabPage {

    private final TrainingService training;
    final Grid<TrainingSetDto> grid = new Grid<>();
    final Button create = new Button("New training set");

    public TrainingSetsView(LabscaleService service, TrainingService training) {
        super(service);
        this.training = training;
        grid.setId("training-sets-grid");
        grid.addComponentColumn(s -> new Anchor(TrainingSetView.path(s), s.name())).setKey("name").setHeader("Name")
                .setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(TrainingSetDto::description).setKey("description").setHeader("Description").setFlexGrow(2);
        grid.addColumn(TrainingSetDto::latestVersion).setKey("versions").setHeader("Versions").setWidth("7rem")
                .setFlexGrow(0);
        grid.addColumn(s -> TrainingSetView.shortHash(s.latestContentHash())).setKey("hash").setHeader("Latest content hash").setAutoWidth(true);
        grid.addColumn(s -> Formats.instant(s.createdAt())).setKey("created").setHeader("Created").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
        create.setId("new-training-set");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.addClickListener(e -> {
            VersionBuilder builder = new VersionBuilder(service, training, lab.id(), null);
            builder.addFrozenListener(f -> getUI().ifPresent(ui -> ui.navigate(
                    TrainingSetVersionView.path(lab.id(), f.version()))));
            builder.start();
        });
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Training sets of " + lab.name());
        crumb("Training sets", null);
        H2 heading = new H2("Training sets");
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        if (canEdit()) {
            header.add(create);
        } else {
            Span readOnly = new Span("You view this lab: read only.");
            readOnly.setId("read-only-hint");
            readOnly.getStyle().set("color", "var(--lumo-secondary-text-color)");
            header.add(readOnly);
        }
        add(header, grid);
        setFlexGrow(1, grid);
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()),
                query -> (int) Math.min(Integer.MAX_VALUE, call(() -> training.trainingSetPage(lab.id(), 0, 1))
                        .map(p -> p.total()).orElse(0L)));
    }

    private Stream<TrainingSetDto> fetch(int offset, int limit) {
        int size = Math.min(Math.max(limit, 1), 200);
        return call(() -> training.trainingSetPage(lab.id(), offset / size, size)).map(p -> p.items().stream())
                .orElse(Stream.empty());
    }
}
