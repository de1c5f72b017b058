package org.labscale.ui.views;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.labscale.shared.project.ProjectRequest;

class ProjectFormTest {

    @Test
    void shouldSplitTrimAndDeduplicateTags() {
        assertEquals(List.of("HeLa", "phase-contrast", "20x"),
                ProjectForm.parseTags(" HeLa, phase-contrast ,,20x, hela ,  "));
        assertEquals(List.of(), ProjectForm.parseTags("  "));
        assertEquals(List.of(), ProjectForm.parseTags(null));
    }

    @Test
    void shouldFireSaveWithTrimmedInput() {
        ProjectForm form = new ProjectForm();
        List<ProjectRequest> saved = new ArrayList<>();
        form.addSaveListener(e -> saved.add(e.request()));
        form.name.setValue("  HeLa mitosis ");
        form.description.setValue(" 48 h ");
        form.tags.setValue("HeLa, 20x");

        form.save.click();

        assertEquals(List.of(new ProjectRequest("HeLa mitosis", "48 h", List.of("HeLa", "20x"))), saved);
    }

    @Test
    void shouldNotFireSaveWithoutAName() {
        ProjectForm form = new ProjectForm();
        List<ProjectRequest> saved = new ArrayList<>();
        form.addSaveListener(e -> saved.add(e.request()));
        form.name.setValue("   ");

        form.save.click();

        assertTrue(saved.isEmpty());
        assertTrue(form.name.isInvalid());
        assertEquals("A project needs a name.", form.name.getErrorMessage());
    }

    @Test
    void shouldShowAnErrorAndForgetItOnClear() {
        ProjectForm form = new ProjectForm();
        form.name.setValue("x");
        form.showError("Viewers cannot create projects.");
        assertTrue(form.error.isVisible());
        assertEquals("Viewers cannot create projects.", form.error.getText());

        form.clear();

        assertFalse(form.error.isVisible());
        assertEquals("", form.name.getValue());
    }

    @Test
    void shouldFireCancel() {
        ProjectForm form = new ProjectForm();
        List<Object> cancelled = new ArrayList<>();
        form.addCancelListener(cancelled::add);

        form.cancel.click();

        assertEquals(1, cancelled.size());
    }
}
