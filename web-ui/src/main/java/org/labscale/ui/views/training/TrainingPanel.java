package org.labscale.ui.views.training;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import java.util.List;
import java.util.Map;
import org.labscale.shared.job.JobDto;
import org.labscale.shared.job.JobKind;
import org.labscale.shared.model.ModelCard.EpochMetrics;

/**
 * The training part of a TRAINING job's page: the cost the API estimated at submit, where the training is (member,
 * epoch, time left), the live curves ({@link CurveSvg}) and, once done, the link to the model it registered.
 */
public class TrainingPanel extends Div {

    public TrainingPanel(JobDto job, List<EpochMetrics> curve) {
        setId("training-panel");
        setWidthFull();
        if (job.kind() != JobKind.TRAINING) {
            return;
        }
        modelLink(job);
        Map<String, Double> metrics = job.progress() == null ? Map.of() : job.progress().metrics();
        String where = TrainingTexts.where(metrics, TrainingTexts.number(job.payload(), "ensembleSize"),
                TrainingTexts.number(job.payload(), "epochs"));
        if (!where.isEmpty()) {
            Span w = new Span(where);
            w.setId("training-where");
            add(w);
        }
        add(new H4("Training curves"));
        Div chart = new Div();
        chart.setId("training-curves");
        chart.getElement().setProperty("innerHTML", CurveSvg.render(curve,
                TrainingTexts.number(job.payload(), "epochs"), TrainingTexts.classes(job.payload())));
        add(chart);
        Paragraph how = new Paragraph("One colour per ensemble member. A member learns when its validation loss falls"
                + " well below the grey chance line and its balanced accuracy rises above it; a validation loss that"
                + " climbs while the training loss keeps falling means the member over-fits.");
        how.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        add(how);
        if (job.estimate() != null) {
            Paragraph estimate = new Paragraph(TrainingTexts.estimate(job.estimate()));
            estimate.setId("training-estimate");
            add(estimate); // below the curves: what the job was expected to cost
            for (String warning : job.estimate().warnings()) {
                Paragraph w = new Paragraph(warning);
                w.addClassName("estimate-warning");
                w.getStyle().set("color", "var(--lumo-warning-text-color, var(--lumo-secondary-text-color))")
                        .set("margin", "0");
                add(w);
            }
        }
    }

    private void modelLink(JobDto job) {
        Object modelId = job.result() == null ? null : job.result().get("modelId");
        Object version = job.result() == null ? null : job.result().get("modelVersion");
        if (modelId != null && version != null) {
            Anchor model = new Anchor("labs/" + job.labId() + "/models/" + modelId + "/versions" + "/" + version,
                    "Open the model card: " + job.result().getOrDefault("modelName", "model") + " v" + version);
            model.setId("training-model");
            model.getStyle().set("font-weight", "600").set("display", "block"); // a line of its own
            add(model);
        }
    }
}
