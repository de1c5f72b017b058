package org.labscale.ui.views.project;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.labscale.shared.api.PageDto;
import org.labscale.shared.image.ImageDto;
import org.labscale.ui.views.Debounce;

/**
 * One page of a project's images as thumbnails (through the UI's image proxy), each linking to its viewer page, with
 * "Previous" / "Next" that ask for another page ({@link PageWanted}); only the shown page is ever fetched. Above it,
 * the order (date or name), a name filter and annotated or not; a change asks for the first page of the new
 * {@link GalleryQuery} ({@link QueryChanged}).
 */
public class ImageGallery extends VerticalLayout {

    /** The user asked for page {@code page} (zero-based). */
    public static class PageWanted extends ComponentEvent<ImageGallery> {
        private final int page;

        PageWanted(ImageGallery source, int page) {
            super(source, true);
            this.page = page;
        }

        public int page() {
            return page;
        }
    }

    /** The user changed the order or a filter. */
    public static class QueryChanged extends ComponentEvent<ImageGallery> {
        private final GalleryQuery query;

        QueryChanged(ImageGallery source, GalleryQuery query) {
            super(source, true);
            this.query = query;
        }

        public GalleryQuery query() {
            return query;
        }
    }

    /** The annotated filter's choices: both, only annotated, only not annotated. */
    static final String ANY = "All images";
    static final String ANNOTATED = "Annotated";
    static final String NOT_ANNOTATED = "Not annotated";

    final Select<String> sort = new Select<>();
    final TextField name = new TextField();
    final Select<String> annotated = new Select<>();
    final Div cards = new Div();
    final Button previous = new Button("Previous");
    final Button next = new Button("Next");
    final Span range = new Span();
    final Span empty = new Span();
    private int page;
    /** The name filter asks for a new page once typing has paused this long. */
    private final Debounce typing = new Debounce(Duration.ofMillis(400));

    public ImageGallery() {
        setPadding(false);
        cards.setId("gallery");
        cards.getStyle().set("display", "grid").set("grid-template-columns", "repeat(auto-fill, minmax(180px, 1fr))")
                .set("gap", "var(--lumo-space-m)").set("width", "100%");
        previous.setId("gallery-prev");
        next.setId("gallery-next");
        previous.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        next.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        previous.addClickListener(e -> fireEvent(new PageWanted(this, page - 1)));
        next.addClickListener(e -> fireEvent(new PageWanted(this, page + 1)));
        range.setId("gallery-range");
        empty.setId("gallery-empty");
        empty.getStyle().set("color", "var(--lumo-secondary-text-color)");
        sort.setId("gallery-sort");
        sort.setLabel("Sort");
        sort.setItems(GalleryQuery.SORTS);
        sort.setItemLabelGenerator(GalleryQuery::label);
        sort.setValue("date");
        name.setId("gallery-filter");
        name.setLabel("Name contains");
        name.setClearButtonVisible(true);
        name.setValueChangeMode(ValueChangeMode.EAGER); // every key: a sort picked next sees the latest text
        annotated.setId("gallery-annotated");
        annotated.setLabel("Annotations");
        annotated.setItems(ANY, ANNOTATED, NOT_ANNOTATED);
        annotated.setValue(ANY);
        sort.addValueChangeListener(e -> changed(e.isFromClient()));
        name.addValueChangeListener(e -> {
            if (e.isFromClient()) {
                getUI().ifPresent(ui -> typing.restart(ui, () -> changed(true)));
            }
        });
        annotated.addValueChangeListener(e -> changed(e.isFromClient()));
        HorizontalLayout filters = new HorizontalLayout(sort, name, annotated);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        HorizontalLayout pager = new HorizontalLayout(previous, range, next);
        pager.setAlignItems(FlexComponent.Alignment.CENTER);
        add(filters, pager, empty, cards);
    }

    /** Sets the controls to {@code query} without asking for anything. */
    public void setQuery(GalleryQuery query) {
        sort.setValue(query.sort());
        name.setValue(query.name() == null ? "" : query.name());
        annotated.setValue(query.annotated() == null ? ANY : query.annotated() ? ANNOTATED : NOT_ANNOTATED);
    }

    /** What the controls say now. */
    public GalleryQuery query() {
        return new GalleryQuery(sort.getValue(), name.getValue(), ANNOTATED.equals(annotated.getValue())
                ? Boolean.TRUE : NOT_ANNOTATED.equals(annotated.getValue()) ? Boolean.FALSE : null);
    }

    private void changed(boolean fromClient) {
        if (fromClient) {
            typing.cancel();
            fireEvent(new QueryChanged(this, query()));
        }
    }

    /** Shows {@code images} (page {@code page.page()} of the project) with links under {@code labId}. */
    public void show(UUID labId, PageDto<ImageDto> images, String emptyText) {
        page = images.page();
        cards.removeAll();
        List<ImageDto> items = images.items();
        for (ImageDto image : items) {
            cards.add(card(labId, image));
        }
        long first = (long) images.page() * images.size() + 1;
        range.setText(items.isEmpty() ? "" : "Images " + first + "\u2013" + (first + items.size() - 1) + " of "
                + images.total());
        previous.setEnabled(images.page() > 0);
        next.setEnabled(first + items.size() - 1 < images.total());
        empty.setText(emptyText);
        empty.setVisible(images.total() == 0);
    }

    private static Anchor card(UUID labId, ImageDto image) {
        Image thumb = new Image("ui-api/images/" + image.id() + "/thumbnail", "Thumbnail of " + image.name());
        // not lazy: a page holds only 24, and lazy images wait for the layout before they are even asked for
        thumb.getElement().setAttribute("decoding", "async");
        thumb.getStyle().set("width", "100%").set("height", "150px").set("object-fit", "contain")
                .set("background", "#000").set("border-radius", "var(--lumo-border-radius-m)");
        Span name = new Span(image.name());
        name.addClassName("image-name");
        name.getStyle().set("font-weight", "600").set("overflow", "hidden").set("text-overflow", "ellipsis")
                .set("white-space", "nowrap");
        Span facts = new Span(image.width() + " \u00d7 " + image.height() + " \u00b7 " + image.channels() + " ch"
                + (image.frames() > 1 ? " \u00b7 " + image.frames() + " frames" : "") + " \u00b7 "
                + image.bitsPerSample() + "-bit" + (image.pixelSizeUm() == null ? ""
                : " \u00b7 " + Formats.pixelSize(image.pixelSizeUm())));
        facts.addClassName("image-facts");
        facts.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
        Div box = new Div(thumb, name, facts);
        box.getStyle().set("display", "flex").set("flex-direction", "column").set("gap", "var(--lumo-space-xs)");
        Anchor card = new Anchor("labs/" + labId + "/images/" + image.id(), box);
        card.addClassName("image-card");
        card.getElement().setAttribute("data-image-id", image.id().toString());
        card.getStyle().set("text-decoration", "none").set("color", "inherit").set("padding", "var(--lumo-space-s)")
                .set("border", "1px solid var(--lumo-contrast-10pct)").set("border-radius", "var(--lumo-border-radius-l)");
        return card;
    }

    public Registration addQueryChangedListener(ComponentEventListener<QueryChanged> listener) {
        return addListener(QueryChanged.class, listener);
    }

    public Registration addPageWantedListener(ComponentEventListener<PageWanted> listener) {
        return addListener(PageWanted.class, listener);
    }
}
