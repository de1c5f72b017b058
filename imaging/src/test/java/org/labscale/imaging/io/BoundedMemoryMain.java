package org.labscale.imaging.io;

import org.labscale.imaging.PageMode;
import org.labscale.imaging.preview.PreviewRenderer;
import org.labscale.imaging.preview.PreviewSpec;
import org.labscale.imaging.preview.ValidateAndPreview;

import java.nio.file.Path;

/** Entry point run in a child JVM with a small heap by {@link BoundedMemoryTest}. */
public final class BoundedMemoryMain {

    private BoundedMemoryMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[1]);
        switch (args[0]) {
            case "validate" -> System.out.println("OK " + new ImageValidator().validate(file, PageMode.FRAMES));
            case "preview" -> {
                byte[] png = new PreviewRenderer().render(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW);
                System.out.println("OK preview " + png.length + " bytes");
            }
            case "validate-and-preview" -> {
                ValidateAndPreview.Result result = new ValidateAndPreview()
                        .run(file, PageMode.FRAMES, 0, PreviewSpec.PREVIEW, PreviewSpec.THUMBNAIL);
                System.out.println("OK " + result.info() + " preview " + result.png(PreviewSpec.PREVIEW).length
                        + " bytes, thumbnail " + result.png(PreviewSpec.THUMBNAIL).length + " bytes");
            }
            case "validate-counting" -> {
                // As ValidateAndPreview decodes: every page, with the first frame's rows delivered (here dropped).
                try (ImageFile image = ImageFile.open(file, PageMode.FRAMES)) {
                    image.decodeAll((channel, frame, y, samples) -> { });
                    System.out.println("OK " + image.info() + " decoded " + image.decodedBytes() + " bytes");
                }
            }
            case "whole-plane" -> {
                try (ImageFile image = ImageFile.open(file, PageMode.FRAMES)) {
                    System.out.println("OK " + image.readPlane(0, 0).pixels().length);
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
        System.out.println("max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");
    }
}
