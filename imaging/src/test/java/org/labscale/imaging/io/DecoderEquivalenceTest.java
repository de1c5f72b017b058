package org.labscale.imaging.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.labscale.imaging.PageMode;
import org.labscale.imaging.TestCodecs;
import org.labscale.imaging.TestImages;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.nio.file.Path;
import java.util.Iterator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The streaming decoders give exactly the samples that the JDK's PNG reader and the TIFF readers registered with
 * ImageIO (TwelveMonkeys, the decoder used before) give, on files written from the specifications by
 * {@link TestCodecs}: every PNG colour type we accept at 8 and 16 bits with all five filter types, and TIFFs
 * uncompressed, LZW and Deflate, with and without predictor, in one strip or in tiles.
 */
class DecoderEquivalenceTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "PNG {0}-bit, colour type {1}")
    @CsvSource({"8,0", "16,0", "8,2", "16,2", "8,4", "16,4", "8,6", "16,6"})
    void shouldDecodePngLikeTheJdkWithEveryFilterType(int bits, int colorType) throws Exception {
        int w = 53;
        int h = 41;
        Path file = TestCodecs.png(dir.resolve("f.png"), w, h, bits, colorType,
                (y, row) -> StreamingDecodeTest.fill(row, y), y -> y % 5);
        int channels = colorType == 0 || colorType == 4 ? 1 : 3;
        assertSameAsImageIo(file, channels, w, h);
    }

    @ParameterizedTest(name = "TIFF {0}-bit, compression {1}, predictor {2}")
    @CsvSource({"8,1,1", "16,1,1", "8,5,1", "16,5,1", "8,5,2", "16,5,2", "8,8,1", "16,8,2"})
    void shouldDecodeSingleStripTiffLikeImageIo(int bits, int compression, int predictor) throws Exception {
        int w = 301;
        int h = 97;
        Path file = TestCodecs.singleStripTiff(dir.resolve("s.tif"), w, h, bits, compression, predictor,
                (y, row) -> StreamingDecodeTest.fill(row, 3L * y));
        assertSameAsImageIo(file, 1, w, h);
    }

    @Test
    void shouldDecodeLzwTilesIncludingPartialEdgeTilesLikeImageIo() throws Exception {
        int w = 100;
        int h = 70;
        BufferedImage rgb = TestImages.image(w, h, 3, DataBuffer.TYPE_USHORT,
                (x, y, b) -> (x * 977 + y * 131 + b * 4099) % 65536);
        Path file = dir.resolve("tiles.tif");
        ImageWriter writer = jdkTiffWriter();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setTilingMode(ImageWriteParam.MODE_EXPLICIT);
            param.setTiling(32, 32, 0, 0);
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        assertSameAsImageIo(file, 3, w, h);
        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            assertEquals((99 * 977 + 69 * 131 + 2 * 4099) % 65536, image.readRows(2, 0, 69, 1).get(99, 0), 0f);
        }
    }

    private static void assertSameAsImageIo(Path file, int channels, int w, int h) throws Exception {
        Raster reference = ImageIO.read(file.toFile()).getRaster();
        new ImageValidator().validate(file, PageMode.CHANNELS);
        try (ImageFile image = ImageFile.open(file, PageMode.CHANNELS)) {
            assertEquals(channels, image.info().channels());
            for (int c = 0; c < channels; c++) {
                float[] expected = reference.getSamples(0, 0, w, h, c, (float[]) null);
                assertArrayEquals(expected, image.readPlane(c, 0).pixels(), 0f, "channel " + c);
            }
        }
    }

    private static ImageWriter jdkTiffWriter() {
        for (Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName("tiff"); it.hasNext(); ) {
            ImageWriter w = it.next();
            if (w.getClass().getName().startsWith("com.sun.")) {
                return w;
            }
        }
        throw new IllegalStateException("no JDK TIFF writer");
    }
}
