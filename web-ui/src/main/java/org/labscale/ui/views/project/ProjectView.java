package org.labscale.ui.views.project;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.UUID;
import java.util.function.Supplier;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.shared.project.ProjectDto;
import org.labscale.ui.service.LabscaleService;
import org.labscale.ui.service.Read;
import org.labscale.ui.views.ProjectForm;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/projects/:projectId[?sort=&name=&annotated=&page=N]}: a project with its gallery of images, one
 * page at a time, sorted and filtered ({@link GalleryQuery}; all in the URL, so a reload or a shared link shows the
 * same page); members and owners upload images, and rename, tag or delete the project.
 */
@Route(value = "labs/:labId/projects/:projectId", layout = MainLayout.class)
public class ProjectView extends LabPage {

    static final int PAGE_SIZE = 24;

    final H2 name = new H2();
    final Paragraph description = new Paragraph();
    final ImageGallery gallery = new ImageGallery();
    final ImageUploader uploader = new ImageUploader();
    final Div tags = new Div();
    final ProjectForm form = new ProjectForm();
    final Dialog dialog = new Dialog(form);
    private ProjectDto project;
    private int page;
    private GalleryQuery query = GalleryQuery.ALL;
    private Read<ProjectDto> projectRead;
    private Read<PageDto<ImageDto>> imagesRead;
    private final ImageSender sender;

    public ProjectView(LabscaleService service) {
        super(service);
        name.setId("project-title");
        name.getStyle().set("margin", "0");
        description.setId("project-description-text");
        description.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        gallery.addPageWantedListener(e -> navigate(query, e.page()));
        gallery.addQueryChangedListener(e -> navigate(e.query(), 0));
        sender = new ImageSender(service, uploader, () -> showPage(page));
        uploader.addFileReceivedListener(e -> getUI().ifPresent(ui -> sender.send(project.id(), e, ui)));
        dialog.setId("project-dialog");
        dialog.setHeaderTitle("Edit project");
        dialog.setWidth("32rem");
        form.addCancelListener(e -> dialog.close());
        form.addSaveListener(e -> call(() -> service.updateProject(project, e.request()), form::showError)
                .ifPresent(p -> {
                    dialog.close();
                    showProject(p);
                }));
    }

    @Override
    protected void startReads(BeforeEnterEvent event) {
        UUID id = uuid(event, "projectId");
        query = GalleryQuery.of(event.getLocation().getQueryParameters());
        page = event.getLocation().getQueryParameters().getSingleParameter("page").map(ProjectView::pageIndex)
                .orElse(0);
        GalleryQuery q = query;
        int wanted = page;
        projectRead = service.startRead(s -> s.project(id));
        imagesRead = service.startRead(s -> s.imagePage(id, q.sort(), q.name(), q.annotated(), wanted, PAGE_SIZE));
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        ProjectDto p = projectRead.get();
        if (!p.labId().equals(lab.id())) {
            throw new NotFound();
        }
        crumb("Projects", "labs/" + lab.id() + "/projects");
        crumb(p.name(), null);
        title(p.name());
        HorizontalLayout header = new HorizontalLayout(name);
        header.setAlignItems(FlexComponent.Alignment.BASELINE);
        header.setWidthFull();
        header.add(tags);
        if (canEdit()) {
            Button edit = new Button("Edit", e -> {
                form.clear();
                form.fill(project);
                dialog.open();
            });
            edit.setId("edit-project");
            Button delete = new Button("Delete", e -> ConfirmDelete.ask(project, this::delete));
            delete.setId("delete-project");
            delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
            header.add(edit, delete);
        }
        add(header, description);
        showProject(p);
        if (canEdit()) {
            Details addImages = new Details("Add images", uploader);
            addImages.setId("add-images");
            addImages.setOpened(p.imageCount() == 0);
            add(addImages);
        }
        H3 images = new H3("Images");
        images.getStyle().set("margin-bottom", "0");
        add(images, gallery);
        gallery.setQuery(query);
        Read<PageDto<ImageDto>> first = imagesRead;
        imagesRead = null;
        showPage(page, first::get);
    }

    /** Shows page {@code wanted} (zero-based) of {@code q} through the URL, so that it can be reloaded and shared. */
    private void navigate(GalleryQuery q, int wanted) {
        getUI().ifPresent(ui -> ui.navigate("labs/" + lab.id() + "/projects/" + project.id(), q.parameters(wanted + 1)));
    }

    private void showProject(ProjectDto p) {
        project = p;
        name.setText(p.name());
        description.setText(p.description() == null ? "" : p.description());
        tags.removeAll();
        tags.add(Tags.badges(p.tags()));
    }

    private void showPage(int wanted) {
        showPage(wanted, () -> service.imagePage(project.id(), query.sort(), query.name(), query.annotated(), wanted,
                PAGE_SIZE));
    }

    /**
     * Shows page {@code wanted} as {@code read} answers it; its thumbnails are asked of the API in one call at once, so
     * that the browser's requests for them find them waiting on the UI server.
     */
    private void showPage(int wanted, Supplier<PageDto<ImageDto>> read) {
        page = wanted;
        boolean filtered = query.name() != null || query.annotated() != null;
        call(() -> {
            PageDto<ImageDto> images = read.get();
            service.prefetchThumbnails(project.id(), images.items().stream().map(ImageDto::id).toList());
            return images;
        })
                .ifPresent(images -> gallery.show(lab.id(), images, filtered ? "No image matches the filter."
                        : canEdit() ? "No images yet. Add some with \u201cAdd images\u201d." : "No images yet."));
    }

    private void delete() {
        UUID labId = lab.id();
        call(() -> {
            service.deleteProject(project);
            return project;
        }).ifPresent(p -> getUI().ifPresent(ui -> ui.navigate("labs/" + labId + "/projects")));
    }

    /** "3" -> 2; anything else -> 0. */
    static int pageIndex(String oneBased) {
        try {
            return Math.max(0, Integer.parseInt(oneBased.strip()) - 1);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
