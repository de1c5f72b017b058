package org.labscale.ui.views.project;

import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import org.labscale.shared.project.ProjectDto;

/** Asks before a project and everything in it is deleted; cancelling changes nothing. */
final class ConfirmDelete {

    private ConfirmDelete() {
    }

    static void ask(ProjectDto project, Runnable delete) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-delete");
        dialog.setHeader("Delete \u201c" + project.name() + "\u201d?");
        dialog.setText("The project, its " + project.imageCount() + " image(s) and their annotations are deleted."
                + " This cannot be undone.");
        dialog.setCancelable(true);
        dialog.setConfirmText("Delete");
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> delete.run());
        dialog.open();
    }
}
