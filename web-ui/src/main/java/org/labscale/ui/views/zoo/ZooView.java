package org.labscale.ui.views.zoo;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.Route;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.labscale.shared.sharing.ZooEntryDto;
import org.labscale.ui.api.ZooClient;
import org.labscale.ui.service.ZooService;
import org.labscale.ui.views.shell.LabPage;
import org.labscale.ui.views.shell.MainLayout;

/**
 * {@code /labs/:labId/zoo}: every model version the user may see (the lab's own, those shared with one of the user's
 * labs, public ones), searched in full text and filtered by task, input channel and licence, sorted by validation
 * Jaccard, age or name; a lazy grid, one API page per screenful. A name opens the version's zoo card.
 */
@Route(value = "labs/:labId/zoo", layout = MainLayout.class)
public class ZooView extends LabPage {

    /** The sort orders the API knows, as people read them. */
    static final Map<String, String> SORTS = Map.of("jaccard", "Best Jaccard", "newest", "Newest", "name", "Name");

    private final ZooService zoo;
    final TextField search = new TextField();
    final ComboBox<String> task = new ComboBox<>("Task");
    final ComboBox<String> channel = new ComboBox<>("Input channel");
    final ComboBox<String> licence = new ComboBox<>("Licence");
    final Select<String> sort = new Select<>();
    final Grid<ZooEntryDto> grid = new Grid<>();

    public ZooView(ZooService zoo) {
        super(zoo.session());
        this.zoo = zoo;
        search.setId("zoo-search");
        search.setPlaceholder("Search names and descriptions");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setClearButtonVisible(true);
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.setWidth("18rem");
        task.setId("zoo-task");
        channel.setId("zoo-channel");
        licence.setId("zoo-licence");
        for (ComboBox<String> filter : List.of(task, channel, licence)) {
            filter.setClearButtonVisible(true);
            filter.setPlaceholder("any");
            filter.setAllowCustomValue(true);
            filter.setWidth("10rem");
            filter.addCustomValueSetListener(e -> filter.setValue(e.getDetail()));
        }
        sort.setId("zoo-sort");
        sort.setLabel("Sort by");
        sort.setItems("jaccard", "newest", "name");
        sort.setItemLabelGenerator(SORTS::get);
        sort.setValue("jaccard");
        sort.setWidth("10rem");

        grid.setId("zoo-grid");
        grid.addComponentColumn(e -> {
            Anchor name = new Anchor(ZooCardView.path(lab.id(), e.versionId()), e.name() + " \u00b7 v" + e.version());
            name.addClassName("zoo-open");
            name.getElement().setAttribute("data-version", e.versionId().toString());
            return name;
        }).setKey("name").setHeader("Model").setAutoWidth(true).setFlexGrow(1).setFrozen(true);
        grid.addColumn(ZooEntryDto::labName).setKey("lab").setHeader("Lab").setAutoWidth(true);
        grid.addColumn(e -> String.join(", ", orEmpty(e.classes()))).setKey("task").setHeader("Finds")
                .setAutoWidth(true);
        grid.addColumn(e -> String.join(" + ", orEmpty(e.channels()))).setKey("channels").setHeader("Inputs")
                .setAutoWidth(true);
        grid.addColumn(ZooTexts::jaccard).setKey("jaccard").setHeader("Validation Jaccard").setAutoWidth(true);
        grid.addColumn(e -> e.licence() == null ? "\u2014" : e.licence()).setKey("licence").setHeader("Licence")
                .setAutoWidth(true);
        grid.addComponentColumn(ZooTexts::badge).setKey("visibility").setHeader("Shared").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setSizeFull();
    }

    /** The path of a lab's zoo page, without the leading slash. */
    public static String path(java.util.UUID labId) {
        return "labs/" + labId + "/zoo";
    }

    @Override
    protected void enter(BeforeEnterEvent event) {
        title("Model zoo");
        crumb("Model zoo", null);
        H2 heading = new H2("Model zoo");
        heading.getStyle().set("margin", "0");
        Paragraph intro = new Paragraph("Trained models you may use: your labs' own, those other labs shared with one"
                + " of your labs, and public ones. Open one to read its card, segment your images with it or fork it"
                + " into this lab.");
        intro.getStyle().set("color", "var(--lumo-secondary-text-color)").set("margin", "0");
        List<ZooEntryDto> visible = call(() -> zoo.search(ZooClient.Query.ALL, 0, 200).items()).orElse(List.of());
        task.setItems(distinct(visible, e -> List.of(Objects.toString(e.task(), ""))));
        channel.setItems(distinct(visible, e -> orEmpty(e.channels())));
        licence.setItems(distinct(visible, e -> List.of(Objects.toString(e.licence(), ""))));
        HorizontalLayout filters = new HorizontalLayout(search, task, channel, licence, sort);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        Span count = new Span();
        count.setId("zoo-count");
        count.getStyle().set("color", "var(--lumo-secondary-text-color)");
        Anchor imports = new Anchor(PackageImportView.path(lab.id()), "Import a bioimage.io or training-set package");
        imports.setId("zoo-import");
        add(new Div(heading, intro, imports), filters, count, grid);
        setFlexGrow(1, grid);
        grid.setItems(q -> fetch(q.getOffset(), q.getLimit()), q -> {
            long total = call(() -> zoo.search(query(), 0, 1).total()).orElse(0L);
            count.setText(total == 1 ? "1 model version" : total + " model versions");
            return (int) Math.min(total, Integer.MAX_VALUE);
        });
        List.<com.vaadin.flow.component.HasValue<?, String>>of(search, task, channel, licence, sort)
                .forEach(f -> f.addValueChangeListener(e -> grid.getDataProvider().refreshAll()));
    }

    ZooClient.Query query() {
        return new ZooClient.Query(search.getValue(), task.getValue(), channel.getValue(), licence.getValue(),
                sort.getValue(), false);
    }

    private Stream<ZooEntryDto> fetch(int offset, int limit) {
        int size = Math.min(Math.max(limit, 1), 200);
        int page = offset / size;
        int skip = offset - page * size;
        return call(() -> zoo.search(query(), page, size).items()).orElse(List.of()).stream().skip(skip);
    }

    private static List<String> distinct(List<ZooEntryDto> entries, Function<ZooEntryDto, Collection<String>> of) {
        TreeSet<String> values = new TreeSet<>();
        entries.forEach(e -> of.apply(e).stream().filter(v -> v != null && !v.isBlank()).forEach(values::add));
        return List.copyOf(values);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
