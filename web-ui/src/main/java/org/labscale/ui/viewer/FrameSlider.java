package org.labscale.ui.viewer;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.RangeInput;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import java.util.Locale;

/**
 * The frames of a time series: a slider, "previous" / "next" step buttons, and "play", which steps through the
 * frames in the browser every {@value #PLAY_MS} ms (wrapping round) until paused, each step reaching the server as a
 * slider change. Fires {@link FrameChanged} with the frame (from 0) whenever it changes; the label says
 * "Frame 3 of 40", with the time since the first frame when the frame interval is known.
 */
public class FrameSlider extends Div {

    /** Time between two frames while playing, in ms. */
    static final int PLAY_MS = 700;

    /** A new frame was chosen (by the slider, a step button, playing, or {@link #setFrame}). */
    public static class FrameChanged extends ComponentEvent<FrameSlider> {
        private final int frame;

        FrameChanged(FrameSlider source, boolean fromClient, int frame) {
            super(source, fromClient);
            this.frame = frame;
        }

        /** The frame, from 0. */
        public int frame() {
            return frame;
        }
    }

    private final int frames;
    private final Double intervalMinutes;
    final RangeInput slider = new RangeInput(ValueChangeMode.TIMEOUT);
    final Span label = new Span();
    final Button play = new Button(VaadinIcon.PLAY.create());
    private int frame;

    /**
     * @param frames          how many frames, 1 or more
     * @param intervalMinutes time between frames, or null when unknown
     */
    public FrameSlider(int frames, Double intervalMinutes) {
        if (frames < 1) {
            throw new IllegalArgumentException("a series has 1 frame or more, not " + frames);
        }
        this.frames = frames;
        this.intervalMinutes = intervalMinutes;
        setId("frame-slider-box");
        setWidthFull();
        slider.setId("frame-slider");
        slider.setMin(0);
        slider.setMax(frames - 1);
        slider.setStep(1.0);
        slider.setValue(0.0);
        // 0 is the field's empty value, so it is not sent: without this the browser puts the thumb mid-way
        slider.getElement().setProperty("value", "0");
        slider.setWidthFull();
        slider.setAriaLabel("Frame");
        slider.setValueChangeTimeout(150); // while dragging, at most one frame request per 150 ms
        slider.addValueChangeListener(e -> {
            if (e.getValue() != null) {
                show((int) Math.round(e.getValue()), e.isFromClient());
            }
        });
        label.setId("frame-label");
        Button previous = new Button(VaadinIcon.STEP_BACKWARD.create(), e -> setFrame(Math.max(0, frame - 1)));
        previous.setId("frame-previous");
        previous.setAriaLabel("Previous frame");
        Button next = new Button(VaadinIcon.STEP_FORWARD.create(), e -> setFrame(Math.min(frames - 1, frame + 1)));
        next.setId("frame-next");
        next.setAriaLabel("Next frame");
        play.setId("frame-play");
        play.setAriaLabel("Play");
        // Playing runs in the browser: the slider moves and reports each step like a drag would.
        play.getElement().executeJs("const button = this, input = $0;"
                + "const icon = name => { const i = button.querySelector('vaadin-icon'); if (i) i.icon = name; };"
                + "button.addEventListener('click', () => {"
                + "  if (button.$timer) { clearInterval(button.$timer); button.$timer = null; icon('vaadin:play');"
                + "    button.setAttribute('aria-label', 'Play'); button.removeAttribute('data-playing'); return; }"
                + "  button.setAttribute('aria-label', 'Pause'); button.setAttribute('data-playing', '');"
                + "  icon('vaadin:pause');"
                + "  button.$timer = setInterval(() => {"
                + "    input.value = String((Number(input.value) + 1) % (Number(input.max) + 1));"
                + "    input.dispatchEvent(new Event('input', {bubbles: true}));"
                + "  }, $1); });", slider.getElement(), PLAY_MS);
        for (Button b : new Button[] {previous, play, next}) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY_INLINE);
        }
        HorizontalLayout row = new HorizontalLayout(previous, play, next, slider);
        row.setWidthFull();
        row.setAlignItems(FlexComponent.Alignment.CENTER);
        row.setFlexGrow(1, slider);
        add(label, row);
        label.setText(text(0));
        getElement().setAttribute("data-frame", "0");
    }

    /** Shows frame {@code frame} (clamped to the series) and fires {@link FrameChanged} when it changed. */
    public void setFrame(int frame) {
        slider.setValue((double) Math.max(0, Math.min(frames - 1, frame)));
    }

    public int frame() {
        return frame;
    }

    public int frames() {
        return frames;
    }

    public Registration addFrameChangedListener(ComponentEventListener<FrameChanged> listener) {
        return addListener(FrameChanged.class, listener);
    }

    private void show(int wanted, boolean fromClient) {
        if (wanted == frame) {
            return;
        }
        frame = wanted;
        label.setText(text(frame));
        getElement().setAttribute("data-frame", Integer.toString(frame));
        fireEvent(new FrameChanged(this, fromClient, frame));
    }

    /** "Frame 3 of 40", and "· 20 min" (or hours past two) after the first frame when the interval is known. */
    String text(int t) {
        String base = "Frame " + (t + 1) + " of " + frames;
        if (intervalMinutes == null) {
            return base;
        }
        double minutes = t * intervalMinutes;
        String time = minutes < 120 ? String.format(Locale.ROOT, "%.0f min", minutes)
                : String.format(Locale.ROOT, "%.1f h", minutes / 60);
        return base + " \u00b7 " + time;
    }
}
