package org.labscale.api.image;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.awt.image.DataBuffer;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * The imaging limits configured under {@code labscale.upload.*} reach the decoder and come back as 422s with the
 * imaging module's codes: a PNG above {@code max-png-pixels}, and an image whose decoding exceeds
 * {@code max-decode-time} (1 ms here, so a 3,000 px square TIFF cannot make it).
 */
@QuarkusTest
@TestProfile(DecodeLimitsTest.TightLimits.class)
class DecodeLimitsTest {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("labscale.upload.max-png-pixels", "10000",
                    "labscale.upload.max-decode-time", "PT0.001S");
        }
    }

    @Test
    void shouldRefuseAPngAboveThePixelLimitAndAnImageOverTheTimeBudgetWith422() {
        User alice = Api.newUser("Alice");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Limits Lab"), "Costly");
        byte[] png = TestFiles.png(TestFiles.gray(120, 100, DataBuffer.TYPE_BYTE, TestFiles.GRADIENT));
        Uploads.image(alice, project, "wide.png", png, Map.of()).statusCode(422)
                .body("code", equalTo("image.too-large"))
                .body("message", containsString("12,000 pixels; at most 10,000"));
        byte[] tiff = TestFiles.tiff("LZW", TestFiles.gray(3_000, 3_000, DataBuffer.TYPE_USHORT, TestFiles.GRADIENT));
        Uploads.image(alice, project, "slow.tif", tiff, Map.of()).statusCode(422)
                .body("code", equalTo("image.too-costly"));
    }
}
