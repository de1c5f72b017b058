package org.labscale.ui.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.regex.Matcher;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The series proxy answers only a tracking job's track masks, figures and downloads; a track mask keeps every track
 * id exactly, read from the 16-bit Deflate TIFF the worker writes (as {@code CtcResultWriter} does).
 */
class SeriesOutputServletTest {

    private static final String ID = "0b8e5b55-3f4c-4a8e-9d1a-2c3b4d5e6f70";
    private static final String JOB = "labs/" + ID + "/jobs/" + ID + "/";

    @Test
    void shouldAllowTrackMasksFiguresAndTheTables() {
        for (String path : new String[] {JOB + "track-map/mask000.png", JOB + "track-map/mask1234.png",
                JOB + "figures/lineage-tree.png", JOB + "figures/growth-rate-map.svg", JOB + "figures/ktr-x.csv",
                JOB + "tracks.csv", JOB + "growth.csv", JOB + "merges.csv", JOB + "ktr.csv", JOB + "report.json",
                JOB + "ctc/res_track.txt", JOB + "outputs.zip"}) {
            assertTrue(SeriesOutputServlet.ALLOWED.matcher(path).matches(), path);
        }
        Matcher mask = SeriesOutputServlet.ALLOWED.matcher(JOB + "track-map/mask007.png");
        assertTrue(mask.matches());
        assertEquals("mask007", mask.group(3));
        Matcher figure = SeriesOutputServlet.ALLOWED.matcher(JOB + "figures/lineage-tree.png");
        assertTrue(figure.matches());
        assertEquals("figures/lineage-tree.png", figure.group(4));
        Matcher table = SeriesOutputServlet.ALLOWED.matcher(JOB + "ctc/res_track.txt");
        assertTrue(table.matches());
        assertEquals("ctc/res_track.txt", table.group(5));
        Matcher tile = SeriesOutputServlet.ALLOWED.matcher(JOB + "track-map/mask0012/tiles/3/12/7.png");
        assertTrue(tile.matches());
        assertEquals("mask0012", tile.group(6));
        assertEquals("3/12/7.png", tile.group(7));
    }

    @Test
    void shouldRefuseEverythingElse() {
        for (String path : new String[] {JOB + "track-map/mask00.png", JOB + "track-map/../report.json",
                JOB + "figures/../../x.png", JOB + "figures/Lineage.png", JOB + "ctc/mask000.tif", JOB + "cells.csv",
                JOB + ID + "/cells.csv", "labs/" + ID + "/jobs", JOB + "outputs.zip/../x", JOB + "figures/a.exe",
                JOB + "track-map/mask000/tiles/3/12/../../../../report.json", JOB + "track-map/mask000/tiles/-1/0/0.png",
                JOB + "track-map/mask00/tiles/0/0/0.png", JOB + "track-map/mask000/tiles/0/0/0.png?x=1"}) {
            assertFalse(SeriesOutputServlet.ALLOWED.matcher(path).matches(), path);
        }
    }

    @Test
    void shouldReadTheWorkersDeflateTiffTrackMaskExactly() throws IOException {
        BufferedImage mask = new BufferedImage(4, 1, BufferedImage.TYPE_USHORT_GRAY);
        mask.getRaster().setSamples(0, 0, 4, 1, 0, new int[] {0, 3, 300, 65_535});
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // the worker's writer (imaging's LabelImageEncoder): TwelveMonkeys, Deflate with a horizontal predictor
        ImageWriter writer = new com.twelvemonkeys.imageio.plugins.tiff.TIFFImageWriterSpi().createWriterInstance();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("ZLib");
            writer.write(null, new IIOImage(mask, null, null), param);
        } finally {
            writer.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        LabelMapPng.encode(new ByteArrayInputStream(tiff.toByteArray()), png);
        BufferedImage encoded = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        int[] labels = new int[4];
        for (int x = 0; x < 4; x++) {
            int rgb = encoded.getRGB(x, 0);
            labels[x] = (rgb >> 16 & 0xFF) << 8 | (rgb >> 8 & 0xFF);
        }
        assertArrayEquals(new int[] {0, 3, 300, 65_535}, labels);
    }
}
