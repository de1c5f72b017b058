package org.labscale.ui.views.model;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.List;
import org.labscale.shared.model.ModelDto;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.sharing.Visibility;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.TrainingService;
import org.labscale.ui.views.project.Formats;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/models}: the lab's models and their versions, newest first: name, version (linking to the
 * card), preset, task, created, validation Jaccard and F1, visibility.
 */
@Route(value = "labs/:labId/models", layout = MainLayout.class)
public class ModelsView extends LabPage {

    /** Models listed (one API page); their versions are listed whole. */
    static final int MAX_MODELS = 100;

    private final TrainingService training;
    final Grid<Row> grid = new Grid<>();

    /** One model version with its model and how it is shared. */
    record Row(ModelDto model, ModelVersionDto version, Visibility visibility) {
    }

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
        List<Row> rows = new ArrayList<>();
        for (ModelDto model : training.modelPage(lab.id(), 0, MAX_MODELS).items()) {
            for (ModelVersionDto v : training.modelVersions(lab.id(), model.id())) {
                Visibility visibility = call(() -> training.sharing(lab.id(), model.id(), v.version()), m -> { })
                        .map(s -> s.visibility()).orElse(null);
                rows.add(new Row(model, v, visibility));
            }
        }
        if (rows.isEmpty()) {
            Paragraph none = new Paragraph("No models yet: train one from a training-set version.");
            none.setId("models-empty");
            add(none);
        }
        grid.setItems(rows);
        add(grid);
        setFlexGrow(1, grid);
    }
}
