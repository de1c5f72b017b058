package org.labscale.ui.views.project;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.renderer.ComponentRenderer;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.stream.Stream;
import org.labscale.shared.project.ProjectDto;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.views.ProjectForm;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/projects}: the lab's projects in a lazy grid (one API page per screenful), each name a link;
 * members and owners create, rename, tag and delete them (viewers see no such buttons).
 */
@Route(value = "labs/:labId/projects", layout = MainLayout.class)
public class ProjectsView extends LabPage {

    final Grid<ProjectDto> grid = new Grid<>(ProjectDto.class, false);
    final Button newProject = new Button("New project");
    final ProjectForm form = new ProjectForm();
    final Dialog dialog = new Dialog(form);
    private ProjectDto editing;

    public ProjectsView(LabscaleService service) {
        super(service);
        grid.setId("projects-grid");
        grid.addColumn(new ComponentRenderer<>(p -> new Anchor("labs/" + p.labId() + "/projects/" + p.id(), p.name())))
                .setKey("name").setHeader("Name").setAutoWidth(true);
        grid.addColumn(ProjectDto::description).setKey("description").setHeader("Description").setFlexGrow(2);
        grid.addColumn(new ComponentRenderer<>(p -> Tags.badges(p.tags()))).setKey("tags").setHeader("Tags");
        grid.addColumn(ProjectDto::imageCount).setKey("images").setHeader("Images").setWidth("7rem").setFlexGrow(0);
        grid.addColumn(p -> Formats.instant(p.updatedAt())).setKey("updated").setHeader("Updated").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.addComponentColumn(this::actions).setKey("actions").setHeader("").setAutoWidth(true).setFlexGrow(0)
                .setVisible(false);
        grid.setSizeFull();

        newProject.setId("new-project");
        newProject.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        newProject.addClickListener(e -> edit(null));
        dialog.setId("project-dialog");
        dialog.setWidth("32rem");
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> save(e.request()));
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Projects of " + lab.name());
        crumb("Projects", null);
        H2 heading = new H2("Projects");
        heading.getStyle().set("margin", "0");
        HorizontalLayout header = new HorizontalLayout(heading);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        grid.getColumnByKey("actions").setVisible(canEdit());
        if (canEdit()) {
            header.add(newProject);
        } else {
            Span readOnly = new Span("You view this lab: read only.");
            readOnly.setId("read-only-hint");
            readOnly.getStyle().set("color", "var(--lumo-secondary-text-color)");
            header.add(readOnly);
        }
        add(header, grid);
        setFlexGrow(1, grid);
        grid.setItems(query -> fetch(query.getOffset(), query.getLimit()),
                query -> (int) Math.min(Integer.MAX_VALUE, call(() -> service.projectPage(lab.id(), 0, 1)).map(
                        p -> p.total()).orElse(0L)));
    }

    private Stream<ProjectDto> fetch(int offset, int limit) {
        int size = Math.min(Math.max(limit, 1), 200);
        return call(() -> service.projectPage(lab.id(), offset / size, size))
                .map(p -> p.items().stream()).orElse(Stream.empty());
    }

    private HorizontalLayout actions(ProjectDto project) {
        Button edit = new Button("Edit", e -> edit(project));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        edit.getElement().setAttribute("data-action", "edit");
        Button delete = new Button("Delete", e -> ConfirmDelete.ask(project, () -> delete(project)));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.getElement().setAttribute("data-action", "delete");
        return new HorizontalLayout(edit, delete);
    }

    private void edit(ProjectDto project) {
        editing = project;
        form.clear();
        if (project != null) {
            form.fill(project);
        }
        dialog.setHeaderTitle(project == null ? "New project" : "Edit project");
        dialog.open();
    }

    private void save(org.labscale.shared.project.ProjectRequest request) {
        ProjectDto before = editing;
        call(() -> before == null ? service.createProject(lab.id(), request) : service.updateProject(before, request),
                form::showError).ifPresent(p -> {
                    dialog.close();
                    grid.getDataProvider().refreshAll();
                });
    }

    private void delete(ProjectDto project) {
        call(() -> {
            service.deleteProject(project);
            return project;
        }).ifPresent(p -> grid.getDataProvider().refreshAll());
    }
}
