package org.labscale.ui.views.zoo;

import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.UUID;
import org.labscale.shared.model.ModelVersionDto;
import org.labscale.shared.trainingset.TrainingSetVersionDto;
import org.labscale.ui.api.ApiException;
import org.labscale.ui.service.ZooService;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/import}: brings packages made elsewhere into the lab by upload: a bioimage.io model package (a
 * new model version; the API refuses what Labscale cannot run, with the reason) and a training-set package (a new
 * private training set; every checksum, image, mask and channel role is checked, and a refusal stores nothing).
 * Members only; viewers are told so.
 */
@Route(value = "labs/:labId/import", layout = MainLayout.class)
public class PackageImportView extends LabPage {

    private final ZooService zoo;
    final PackageUploader model = new PackageUploader("bioimageio", "A bioimage.io model package",
            "A zip with rdf.yaml (format 0.5) and ONNX weights, 2D, one output: a foreground probability, or"
                    + " background / boundary / interior. Its own test input must give its test output.");
    final PackageUploader trainingSet = new PackageUploader("training-set", "A training-set package",
            "A zip exported from a Labscale training-set version: images/, masks/ and manifest.json with each"
                    + " file's SHA-256. Its images go into a new project of this lab.");

    public PackageImportView(ZooService zoo) {
        super(zoo.session());
        this.zoo = zoo;
    }

    /** The page's path, without the leading slash. */
    public static String path(UUID labId) {
        return "labs/" + labId + "/import";
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Import a package");
        crumb("Model zoo", ZooView.path(lab.id()));
        crumb("Import a package", null);
        add(new H2("Import a package"));
        if (!canEdit()) {
            showError("Viewers may only read; ask an owner of this lab for the MEMBER role to import packages.");
            return;
        }
        model.addPackageReceivedListener(e -> {
            try {
                ModelVersionDto v = zoo.importBioimageio(lab.id(), e.file().toPath(), e.name());
                model.imported(e.fileName() + ": imported as version " + v.version() + " of a model of this lab",
                        "labs/" + lab.id() + "/models/" + v.modelId() + "/versions/" + v.version());
            } catch (ApiException ex) {
                model.failed(e.fileName() + ": " + ex.getMessage());
            }
        });
        trainingSet.addPackageReceivedListener(e -> {
            try {
                TrainingSetVersionDto v = zoo.importTrainingSet(lab.id(), e.file().toPath(), e.name());
                trainingSet.imported(e.fileName() + ": imported as a training set of " + v.items().size()
                        + " items (content hash " + v.contentHash().substring(0, 12) + "...)",
                        "labs/" + lab.id() + "/training-sets/" + v.trainingSetId() + "/versions/" + v.version());
            } catch (ApiException ex) {
                trainingSet.failed(e.fileName() + ": " + ex.getMessage());
            }
        });
        add(model, trainingSet);
    }
}
