package org.labscale.ui.viewer;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Input;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.labscale.shared.image.ChannelHistogramDto;

/**
 * One channel's display settings: shown or hidden, its colour, and its contrast as min and max sliders over the
 * channel's real value range, drawn over its histogram (log counts), with "Auto" (0.5th to 99.5th percentile).
 * Every change fires a {@link ChannelChanged} with the whole setting.
 */
public class ChannelControls extends VerticalLayout {

    /** Colours a biologist picks from, by name; the values are what the tiles are tinted with. */
    static final Map<String, String> COLORS = new LinkedHashMap<>();

    static {
        COLORS.put("Grey", "ffffff");
        COLORS.put("Green", "00ff00");
        COLORS.put("Magenta", "ff00ff");
        COLORS.put("Red", "ff0000");
        COLORS.put("Blue", "0000ff");
        COLORS.put("Cyan", "00ffff");
        COLORS.put("Yellow", "ffff00");
    }

    /** The channel's setting changed. */
    public static class ChannelChanged extends ComponentEvent<ChannelControls> {
        private final ChannelSetting setting;

        ChannelChanged(ChannelControls source, ChannelSetting setting) {
            super(source, true);
            this.setting = setting;
        }

        public ChannelSetting setting() {
            return setting;
        }
    }

    /** Steps of the sliders over [min, max]. */
    static final int STEPS = 1000;

    private final int index;
    final Checkbox visible;
    final Select<String> color = new Select<>();
    final Input low = new Input(ValueChangeMode.ON_CHANGE);
    final Input high = new Input(ValueChangeMode.ON_CHANGE);
    final Span range = new Span();
    final Div histogram = new Div();
    final Button auto = new Button("Auto");
    private ChannelHistogramDto stats;
    private double min;
    private double max;
    /** Set while {@link #sync} moves the sliders, so that moving them does not round min and max to slider steps. */
    private boolean syncing;

    /**
     * @param index   zero-based channel
     * @param name    what the channel is called
     * @param colour  its first colour name (a key of {@link #COLORS})
     * @param shown   whether it starts in the composite
     */
    public ChannelControls(int index, String name, String colour, boolean shown) {
        this.index = index;
        setId("channel-" + index);
        addClassName("channel-controls");
        setPadding(false);
        setSpacing(false);
        visible = new Checkbox(name, shown);
        visible.setId("channel-" + index + "-visible");
        color.setId("channel-" + index + "-color");
        color.setItems(COLORS.keySet());
        color.setValue(colour);
        color.setWidth("8rem");
        color.addThemeName("small");
        HorizontalLayout top = new HorizontalLayout(visible, color);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.CENTER);
        top.expand(visible);

        histogram.setId("channel-" + index + "-histogram");
        histogram.setWidthFull();
        for (Input slider : List.of(low, high)) {
            slider.setType("range");
            slider.getElement().setAttribute("min", "0");
            slider.getElement().setAttribute("max", Integer.toString(STEPS));
            slider.getStyle().set("width", "100%").set("margin", "0");
        }
        low.setId("channel-" + index + "-min");
        high.setId("channel-" + index + "-max");
        range.setId("channel-" + index + "-range");
        range.getStyle().set("font-size", "var(--lumo-font-size-xs)").set("color", "var(--lumo-secondary-text-color)");
        auto.setId("channel-" + index + "-auto");
        auto.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        HorizontalLayout bottom = new HorizontalLayout(range, auto);
        bottom.setWidthFull();
        bottom.setAlignItems(FlexComponent.Alignment.CENTER);
        bottom.expand(range);
        add(top, histogram, low, high, bottom);
        getStyle().set("border-bottom", "1px solid var(--lumo-contrast-10pct)").set("padding-bottom", "var(--lumo-space-s)");

        visible.addValueChangeListener(e -> changed());
        color.addValueChangeListener(e -> changed());
        low.addValueChangeListener(e -> {
            if (syncing) {
                return;
            }
            min = valueAt(e.getValue(), min);
            if (min >= max) {
                max = Math.min(stats == null ? min + 1 : stats.max(), min + step());
            }
            changed();
        });
        high.addValueChangeListener(e -> {
            if (syncing) {
                return;
            }
            max = valueAt(e.getValue(), max);
            if (max <= min) {
                min = Math.max(stats == null ? max - 1 : stats.min(), max - step());
            }
            changed();
        });
        auto.addClickListener(e -> autoContrast());
        setEnabledControls(false);
    }

    /** Gives the channel its histogram and starts at auto-contrast. */
    public void setHistogram(ChannelHistogramDto histogram) {
        this.stats = histogram;
        setEnabledControls(true);
        this.histogram.removeAll();
        // inside a div, so that the browser parses the markup as SVG (an Html root of its own would be an HTML element)
        this.histogram.add(new Html("<div>" + svg(histogram) + "</div>"));
        min = histogram.p005();
        max = histogram.p995();
        if (!(max > min)) {
            max = min + 1;
        }
        sync();
    }

    /** Sets min and max to the 0.5th and 99.5th percentiles. */
    public void autoContrast() {
        if (stats == null) {
            return;
        }
        min = stats.p005();
        max = stats.p995() > stats.p005() ? stats.p995() : stats.p005() + 1;
        changed();
    }

    public ChannelSetting setting() {
        return new ChannelSetting(index, visible.getValue(), COLORS.get(color.getValue()), min, max);
    }

    /** Whether the histogram has arrived (the setting's range is meaningful only then). */
    public boolean ready() {
        return stats != null;
    }

    private void changed() {
        sync();
        fireEvent(new ChannelChanged(this, setting()));
    }

    private void sync() {
        if (stats != null) {
            syncing = true;
            try {
                low.setValue(Integer.toString(position(min)));
                high.setValue(Integer.toString(position(max)));
            } finally {
                syncing = false;
            }
            range.setText(format(min) + " \u2013 " + format(max) + "  (data " + format(stats.min()) + " \u2013 "
                    + format(stats.max()) + ")");
            histogram.getElement().executeJs("const s = this.querySelector('svg'); if (s) {"
                    + "s.querySelector('.lo').setAttribute('x', $0); s.querySelector('.hi').setAttribute('x', $1);}",
                    position(min) / (double) STEPS * 256, position(max) / (double) STEPS * 256);
        }
    }

    private void setEnabledControls(boolean enabled) {
        low.setEnabled(enabled);
        high.setEnabled(enabled);
        auto.setEnabled(enabled);
    }

    private double step() {
        return stats == null ? 1 : Math.max((stats.max() - stats.min()) / STEPS, Double.MIN_VALUE);
    }

    private int position(double value) {
        if (stats == null || stats.max() <= stats.min()) {
            return 0;
        }
        return (int) Math.round(Math.max(0, Math.min(1, (value - stats.min()) / (stats.max() - stats.min()))) * STEPS);
    }

    private double valueAt(String position, double fallback) {
        if (stats == null) {
            return fallback;
        }
        try {
            return stats.min() + Integer.parseInt(position) / (double) STEPS * (stats.max() - stats.min());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** The histogram as an SVG: log(1 + count) bars, with two markers the sliders move. */
    static String svg(ChannelHistogramDto h) {
        List<Long> counts = h.counts();
        double top = 0;
        for (long c : counts) {
            top = Math.max(top, Math.log1p(c));
        }
        StringBuilder path = new StringBuilder("M0 60");
        int n = counts.size();
        for (int i = 0; i < n; i++) {
            double y = top == 0 ? 60 : 60 - Math.log1p(counts.get(i)) / top * 58;
            double x = i * 256.0 / n;
            path.append(String.format(Locale.ROOT, " L%.2f %.2f L%.2f %.2f", x, y, x + 256.0 / n, y));
        }
        path.append(" L256 60 Z");
        return "<svg viewBox='0 0 256 60' preserveAspectRatio='none' style='width:100%;height:48px;display:block;"
                + "background:var(--lumo-contrast-5pct)'><path d='" + path + "' fill='var(--lumo-contrast-50pct)'/>"
                + "<rect class='lo' x='0' y='0' width='1.5' height='60' fill='var(--lumo-primary-color)'/>"
                + "<rect class='hi' x='254' y='0' width='1.5' height='60' fill='var(--lumo-error-color)'/></svg>";
    }

    public Registration addChannelChangedListener(ComponentEventListener<ChannelChanged> listener) {
        return addListener(ChannelChanged.class, listener);
    }
}
