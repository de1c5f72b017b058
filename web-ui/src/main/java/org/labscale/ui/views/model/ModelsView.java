package org.labscale.ui.views.model;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.stream.Stream;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.model.LabModelVersionDto;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/models}: every version of the lab's models, newest first, in a lazy grid (one API call per
 * screenful: {@code GET /labs/{lab}/model-versions}): model, version (linking to the card), preset, task, created,
 * validation Jaccard and F1, visibility.
 */
@Route(value = "labs/:labId/models", layout = MainLayout.class)
public class ModelsView extends LabPage {

    private final TrainingService training;
    final Grid<LabModelVersionDto> grid = new Grid<>();

    public ModelsView(LabscaleService service, TrainingService training) {
        super(service);
        this.training = training;
        grid.setId("models-grid");
        grid.addColumn(r -> r.model().name()).setKey("name").setHeader("Model").setAutoWidth(true).setFlexGrow(1);
        grid.addComponentColumn(r -> new Anchor(ModelVersionView.path(r.model(), r.version().version()),
                "Version " + r.version().version())).setKey("version").setHeader("Version").setAutoWidth(true);
        grid.addColumn(r -> ModelTexts.preset(r.version().card())).setKey("preset").setHeader("Preset")
                .setAutoWidth(true);
        grid.addColumn(r -> ModelTexts.task(r.version().card())).setKey("task").setHeader("Task").setAutoWidth(true);
        grid.addColumn(r -> Formats.instant(r.version().createdAt())).setKey("created").setHeader("Created")
                .setAutoWidth(true);
        grid.addColumn(r -> ModelTexts.metric(r.version().card(), "meanPerCellJaccard")).setKey("jaccard")
                .setHeader("Jaccard").setWidth("6rem").setFlexGrow(0);
        grid.addColumn(r -> ModelTexts.metric(r.version().card(), "validationObjectF1")).setKey("f1")
                .setHeader("F1").setWidth("6rem").setFlexGrow(0);
        grid.addColumn(r -> r.visibility() == null ? "" : r.visibility().name().toLowerCase()).setKey("visibility")
                .setHeader("Visibility").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Models of " + lab.name());
        crumb("Models", null);
        H2 heading = new H2("Models");
        heading.getStyle().set("margin", "0");
        add(heading);
        long total = call(() -> training.labModelVersionPage(lab.id(), 0, 1)).map(PageDto::total).orElse(0L);
        if (total == 0) {
            Paragraph none = new Paragraph("No models yet: train one from a training-set version.");
            none.setId("models-empty");
            add(none);
        }
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()),
                query -> (int) Math.min(Integer.MAX_VALUE, call(() -> training.labModelVersionPage(lab.id(), 0, 1))
                        .map(PageDto::total).orElse(0L)));
        add(grid);
        setFlexGrow(1, grid);
    }

    private Stream<LabModelVersionDto> fetch(int offset, int limit) {
        int size = Math.min(Math.max(limit, 1), 200);
        return call(() -> training.labModelVersionPage(lab.id(), offset / size, size)).map(p -> p.items().stream())
                .orElse(Stream.empty());
    }
}
