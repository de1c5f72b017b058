package org.labscale.ui.viewer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.html.Div;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.labscale.shared.image.ImageDto;

/**
 * The tiled image viewer ({@code META-INF/resources/labscale/viewer.js}) as a component: the server says which
 * channels to show in which colour and range, which frame, and which overlay; the browser fetches the visible tiles
 * through the UI's image proxy and does zoom, pan, pixel values and the scale bar on its own.
 */
public class ImageViewer extends Div {

    static final String SCRIPT = "context://labscale/viewer.js";
    /** Images above this many pixels get their overlays by tiles rather than whole. */
    static final String OVERLAY_MAX_PIXELS = "labscale.ui.viewer.overlay-max-pixels";
    private static final ObjectMapper JSON = new ObjectMapper();

    public ImageViewer(ImageDto image) {
        setId("viewer");
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("imageId", image.id().toString());
        config.put("width", image.width());
        config.put("height", image.height());
        config.put("channels", image.channels());
        config.put("frames", image.frames());
        config.put("pixelSizeUm", image.pixelSizeUm());
        config.put("channelNames", image.channelNames() == null ? List.of() : image.channelNames());
        config.put("overlayMaxPixels", ConfigProvider.getConfig().getOptionalValue(OVERLAY_MAX_PIXELS, Long.class)
                .orElse(64L * 1024 * 1024));
        // the script may still be loading: wait for it, then create the viewer, which applies the queued calls
        getElement().executeJs("const host = this, cfg = JSON.parse($0);"
                + "const go = () => window.labscaleViewer ? window.labscaleViewer.attach(host, cfg) : setTimeout(go, 30);"
                + "go();", json(config));
    }

    @Override
    protected void onAttach(AttachEvent event) {
        event.getUI().getPage().addJavaScript(SCRIPT);
    }

    public void setChannels(List<ChannelSetting> channels) {
        queue("setChannels", json(channels));
    }

    public void setFrame(int frame) {
        queue("setFrame", Integer.toString(frame));
    }

    /** Shows {@code overlay}, or none for null. */
    public void setOverlay(OverlaySetting overlay) {
        queue("setOverlay", overlay == null ? "null" : json(Map.of("url", overlay.url(), "tiles", overlay.tiles(),
                "mode", overlay.filled() ? "filled" : "outline", "opacity", overlay.opacity())));
    }

    /**
     * Shows a segmentation's label mask as the overlay ({@code overlay.url()} serves it as red = high byte, green =
     * low byte of each pixel's label), or none for null. Cells can then be selected: {@link #selectCell} and clicks.
     */
    public void setLabelOverlay(OverlaySetting overlay) {
        queue("setOverlay", overlay == null ? "null" : json(Map.of("url", overlay.url(), "tiles", overlay.tiles(),
                "mode", overlay.filled() ? "filled" : "outline", "opacity", overlay.opacity(), "kind", "labels")));
    }

    /** Per label of the label overlay, its measurements in words, shown after the label when the cell is hovered. */
    public void setCellInfo(Map<Integer, String> info) {
        queue("setCellInfo", json(info));
    }

    /** Highlights cell {@code label} (0: none), centring the view on (x, y) when it is out of sight. */
    public void selectCell(int label, double x, double y) {
        queue("selectCell", json(Map.of("label", label, "x", x, "y", y)));
    }

    /** Called with the label (0 for background) of a cell the user clicked in the label overlay. */
    public com.vaadin.flow.shared.Registration addCellClickListener(java.util.function.IntConsumer listener) {
        return getElement().addEventListener("labscale-cell", e -> listener.accept(
                (int) e.getEventData().getNumber("event.detail.label"))).addEventData("event.detail.label");
    }

    /** Shows image {@code imageId} instead (same size and channels: the next frame of a series of images). */
    public void setImage(java.util.UUID imageId) {
        queue("setImage", json(imageId.toString()));
    }

    /**
     * Shows a series frame's track labels (label = track id, encoded as for {@link #setLabelOverlay}), or none for
     * null: each outline in its track's colour, {@code palette.get((id - 1) % size)} ({@code #rrggbb}), so a track
     * keeps its colour from frame to frame. Above the overlay limit the frame's track ids come by tiles
     * ({@link OverlaySetting#tiles()}), as label masks do.
     */
    public void setTrackOverlay(OverlaySetting overlay, List<String> palette) {
        queue("setOverlay", overlay == null ? "null" : json(Map.of("url", overlay.url(), "tiles", overlay.tiles(),
                "mode", overlay.filled() ? "filled" : "outline", "opacity", overlay.opacity(), "kind", "labels",
                "edges", "own", "palette", palette)));
    }

    private void queue(String method, String jsonArgument) {
        getElement().executeJs("(this.$pending = this.$pending || []).push([$0, JSON.parse($1)]);"
                + "if (this.$viewer) this.$viewer.flush();", method, jsonArgument);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the viewer's settings as JSON", e);
        }
    }
}
