package org.labscale.bioimageio.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;

import org.junit.jupiter.api.Test;
import org.labscale.bioimageio.Vendor;

class NpyTest {

    @Test
    void float32RoundTripsWithNumpysHeaderAlignment() throws Exception {
        Npy.Tensor t = new Npy.Tensor(new long[] {1, 1, 2, 3}, new float[] {0f, -1.5f, 2.25f, Float.MAX_VALUE, 7f, 1e-7f});
        byte[] bytes = Npy.writeFloat32(t);
        assertEquals(0, (bytes.length - 6 * 4) % 64, "data starts on a 64-byte boundary");
        assertTrue(new String(bytes, 10, 80).contains("'shape': (1, 1, 2, 3)"));
        Npy.Tensor back = Npy.read(bytes);
        assertArrayEquals(t.shape(), back.shape());
        assertArrayEquals(t.data(), back.data());
    }

    @Test
    void integerTypesRoundAndClamp() throws Exception {
        Npy.Tensor t = new Npy.Tensor(new long[] {4}, new float[] {-3f, 1.6f, 300f, 70000f});
        assertArrayEquals(new float[] {0f, 2f, 255f, 255f}, Npy.read(Npy.write(t, Npy.DType.UINT8)).data());
        assertArrayEquals(new float[] {0f, 2f, 300f, 65535f}, Npy.read(Npy.write(t, Npy.DType.UINT16)).data());
        assertTrue(new String(Npy.write(t, Npy.DType.UINT16), 10, 40).contains("'<u2'"));
        assertTrue(new String(Npy.write(t, Npy.DType.UINT8), 10, 60).contains("'shape': (4,)"));
    }

    @Test
    void refusesWhatItCannotRead() {
        assertThrows(Npy.NpyException.class, () -> Npy.read("not numpy".getBytes()));
        byte[] bytes = Npy.writeFloat32(new Npy.Tensor(new long[] {2}, new float[] {1, 2}));
        byte[] fortran = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("False", "True ").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(Npy.NpyException.class, () -> Npy.read(fortran)).getMessage().contains("Fortran"));
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        assertTrue(assertThrows(Npy.NpyException.class, () -> Npy.read(truncated)).getMessage().contains("bytes"));
    }

    @Test
    void readsTheVendorPackagesTestTensors() throws Exception {
        Npy.Tensor input = Npy.read(Files.readAllBytes(Vendor.unet().resolve("test_input.npy")));
        assertArrayEquals(new long[] {1, 1, 512, 512}, input.shape());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : input.data()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(122f, min);
        assertEquals(4095f, max);
    }
}
