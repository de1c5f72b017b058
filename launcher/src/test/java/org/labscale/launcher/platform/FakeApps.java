package org.labscale.launcher.platform;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The real apps' environment (from {@link LabscaleApps}) with {@link FakeQuarkusApp} as the program. */
public final class FakeApps implements AppsFactory {

    private final Map<String, Map<String, String>> extraEnv = new HashMap<>();

    /** Adds variables to the app with this id ("platform-api", "gpu-worker", "web-ui"). */
    public FakeApps with(String id, String name, String value) {
        extraEnv.computeIfAbsent(id, k -> new HashMap<>()).put(name, value);
        return this;
    }

    @Override
    public List<AppSpec> apps(PlatformContext context) {
        List<AppSpec> fakes = new ArrayList<>();
        for (AppSpec real : new LabscaleApps().apps(context)) {
            Map<String, String> env = new HashMap<>(real.environment());
            env.putAll(extraEnv.getOrDefault(real.id(), Map.of()));
            fakes.add(new AppSpec(real.id(), real.name(), real.port(), List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), FakeQuarkusApp.class.getName()), env));
        }
        return fakes;
    }
}
