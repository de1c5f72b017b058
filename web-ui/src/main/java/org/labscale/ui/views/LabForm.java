package org.labscale.ui.views;

import org.labscale.shared.lab.LabRequest;

/** The "new lab" form: a name and a description (see {@link CreateForm}). */
public class LabForm extends CreateForm<LabRequest> {

    public LabForm() {
        super("lab", "lab");
        layout();
    }

    @Override
    protected LabRequest request(String name, String description) {
        return new LabRequest(name, null, description);
    }
}
