package org.labscale.ui.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The output proxy answers only a job's downloads and label maps; label maps keep every 16-bit label exactly. */
class JobOutputServletTest {

    private static final String ID = "0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70";
    private static final String JOB = "labs/" + ID + "/jobs/" + ID + "/";

    @Test
    void shouldAllowTheZipOneImagesFilesAndItsLabelMap() {
        for (String path : new String[] {JOB + "outputs.zip", JOB + "files/" + ID + "/labels.tif",
                JOB + "files/" + ID + "/cells.csv", JOB + "files/" + ID + "/labels.png", JOB + "label-map/" + ID + ".png"}) {
            assertTrue(JobOutputServlet.ALLOWED.matcher(path).matches(), path);
        }
        Matcher m = JobOutputServlet.ALLOWED.matcher(JOB + "files/" + ID + "/cells.csv");
        assertTrue(m.matches());
        assertEquals(ID, m.group(4));
        assertEquals("cells.csv", m.group(5));
        Matcher tile = JobOutputServlet.ALLOWED.matcher(JOB + "label-map/" + ID + "/tiles/3/12/7.png");
        assertTrue(tile.matches());
        assertEquals(ID, tile.group(7));
        assertEquals("3/12/7.png", tile.group(8));
    }

    @Test
    void shouldRefuseEverythingElse() {
        for (String path : new String[] {JOB + "outputs", JOB + "files/" + ID + "/../../../me/tokens",
                JOB + "files/report.json", JOB + "files/" + ID + "/secret.txt", "labs/" + ID + "/jobs",
                JOB + "label-map/not-an-id.png", "images/" + ID + "/thumbnail", JOB + "outputs.zip/../x",
                JOB + "label-map/" + ID + "/tiles/3/12/../../../../outputs", JOB + "label-map/" + ID + "/tiles/-1/0/0.png",
                JOB + "label-map/" + ID + "/tiles/3/12/7.png?x=1"}) {
            assertFalse(JobOutputServlet.ALLOWED.matcher(path).matches(), path);
        }
    }

    @Test
    void shouldSpreadEachLabelOverRedAndGreen() throws IOException {
        BufferedImage mask = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = mask.getRaster();
        r.setSample(0, 0, 0, 0);
        r.setSample(1, 0, 0, 7);
        r.setSample(2, 0, 0, 1000);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(mask, "png", png);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LabelMapPng.encode(new ByteArrayInputStream(png.toByteArray()), out);
        BufferedImage encoded = ImageIO.read(new ByteArrayInputStream(out.toByteArray()));
        int[] labels = new int[3];
        for (int x = 0; x < 3; x++) {
            int rgb = encoded.getRGB(x, 0);
            assertEquals(0, rgb & 0xFF, "blue stays 0");
            labels[x] = (rgb >> 16 & 0xFF) << 8 | (rgb >> 8 & 0xFF);
        }
        assertArrayEquals(new int[] {0, 7, 1000}, labels);
    }

    @Test
    void shouldRefuseSomethingThatIsNotAnImage() {
        assertEquals("the label mask is not a readable PNG", org.junit.jupiter.api.Assertions.assertThrows(
                IOException.class, () -> LabelMapPng.encode(new ByteArrayInputStream("label,area\n".getBytes()),
                        new ByteArrayOutputStream())).getMessage());
    }
}
