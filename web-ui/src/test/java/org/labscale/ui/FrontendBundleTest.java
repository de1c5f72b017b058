package org.labscale.ui;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Guards the no-npm build: build-frontend must have used Vaadin's pre-compiled production bundle. A component with
 * {@code @NpmPackage}, {@code @JsModule} or {@code @CssImport} would make Vaadin build its own bundle with npm,
 * which cannot work on our machines (see docs/STACK.md).
 */
class FrontendBundleTest {

    @Test
    void shouldUseVaadinsPrecompiledProductionBundle() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/META-INF/VAADIN/config/stats.json")) {
            assertNotNull(in, "no META-INF/VAADIN/config/stats.json: did vaadin-maven-plugin:build-frontend run?");
            String stats = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace(" ", "");
            assertTrue(stats.contains("\"pre-compiled\":true"),
                    "the frontend bundle was built with npm instead of Vaadin's pre-compiled one");
        }
        assertNotNull(getClass().getResource("/META-INF/VAADIN/webapp/index.html"), "the bundle's index.html");
    }
}
