package org.labscale.segmentation.output;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.imaging.FloatPlane;
import org.labscale.imaging.labels.LabelImage;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OutputsTest {

    @Test
    void shouldDrawCellBoundariesInYellowOverTheStretchedImage() throws Exception {
        LabelImage cells = LabelImage.ofRows(new int[][]{
                {0, 0, 0, 0, 0},
                {0, 1, 1, 1, 0},
                {0, 1, 1, 1, 0},
                {0, 1, 1, 1, 0},
                {0, 0, 0, 0, 0}});
        float[] pixels = new float[25];
        for (int i = 0; i < 25; i++) {
            pixels[i] = i; // a ramp: stretched to 0..255
        }
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                OverlayRenderer.render(List.of(new FloatPlane(5, 5, pixels)), cells)));
        assertEquals(5, png.getWidth());
        assertEquals(0xFFFF00, png.getRGB(1, 1) & 0xFFFFFF, "boundary");
        assertEquals(0xFFFF00, png.getRGB(2, 3) & 0xFFFFFF, "boundary");
        int centre = png.getRGB(2, 2) & 0xFFFFFF;
        assertEquals(centre >> 16, centre & 0xFF, "inside a cell the gray image shows");
        assertEquals(0, png.getRGB(0, 0) & 0xFFFFFF, "lowest value is black");
        assertEquals(0xFFFFFF, png.getRGB(4, 4) & 0xFFFFFF, "highest value is white");
    }

    @Test
    void shouldZipEveryOutputFileWithRelativeNames(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("img-1"));
        Files.writeString(dir.resolve("img-1/cells.csv"), "label\n");
        Files.writeString(dir.resolve("scores.json"), "{}");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputZip.write(dir, bytes);
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                names.add(e.getName() + "=" + new String(zip.readAllBytes()));
            }
        }
        assertArrayEquals(new String[]{"img-1/cells.csv=label\n", "scores.json={}"}, names.toArray());
    }
}
