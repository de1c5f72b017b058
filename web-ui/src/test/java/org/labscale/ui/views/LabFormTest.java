package org.labscale.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labscale.shared.lab.LabRequest;

class LabFormTest {

    @Test
    void shouldFireSaveWithTrimmedInput() {
        LabForm form = new LabForm();
        List<LabRequest> saved = new ArrayList<>();
        form.addSaveListener(e -> saved.add(e.request()));
        form.name.setValue(" Zebrafish Lab ");
        form.description.setValue("Larvae ");

        form.save.click();

        assertEquals(List.of(new LabRequest("Zebrafish Lab", null, "Larvae")), saved);
    }

    @Test
    void shouldNotFireSaveWithoutAName() {
        LabForm form = new LabForm();
        List<LabRequest> saved = new ArrayList<>();
        form.addSaveListener(e -> saved.add(e.request()));

        form.save.click();

        assertTrue(saved.isEmpty());
        assertTrue(form.name.isInvalid());
    }
}
