package org.labscale.launcher.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformConfigTest {

    private static PlatformConfig bound(String address, Duration stop) {
        return new PlatformConfig(Path.of("/repo"), Path.of("/repo/.labscale"), 8080, 8180, 8280, 8380, 5480,
                "labscale", "admin@labscale.local", Duration.ofSeconds(60), stop, address, 9180);
    }

    @Test
    void shouldReachAppsOnLoopbackWhenTheyBindEveryInterface() {
        for (String any : List.of("0.0.0.0", "::", "[::]")) {
            PlatformConfig c = bound(any, Duration.ofSeconds(45));
            assertTrue(c.bindsAll(), any);
            assertEquals("http://127.0.0.1:8180", c.apiUrl());
        }
        PlatformConfig lan = bound("192.168.1.5", Duration.ofSeconds(45));
        assertFalse(lan.bindsAll());
        assertEquals("http://192.168.1.5:8180", lan.apiUrl(), "bound to one address: only there");
        assertEquals(List.of("http://localhost:8080", "http://127.0.0.1:8080", "http://192.168.1.5:8080"),
                lan.uiOrigins());
        assertEquals("http://[::1]:8180", bound("::1", Duration.ofSeconds(45)).apiUrl());
        assertEquals("http://127.0.0.1:9180/q/metrics", lan.metricsUrl(), "metrics never leave loopback");
    }

    @Test
    void shouldRefuseABindAddressThatIsNoAddress() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> bound("0.0.0.0; rm -rf", Duration.ofSeconds(45)));
        assertTrue(e.getMessage().contains("--bind"), e.getMessage());
    }

    @Test
    void shouldLeaveTheWorkerTimeToReleaseItsJobsWithinTheStopTimeout() {
        assertEquals(Duration.ofSeconds(30), bound("127.0.0.1", Duration.ofSeconds(45)).workerShutdownGrace());
        assertEquals(Duration.ofSeconds(5), bound("127.0.0.1", Duration.ofSeconds(20)).workerShutdownGrace());
        assertEquals(Duration.ofSeconds(1), bound("127.0.0.1", Duration.ofSeconds(3)).workerShutdownGrace());
    }
}
