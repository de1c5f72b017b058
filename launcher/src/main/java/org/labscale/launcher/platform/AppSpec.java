package org.labscale.launcher.platform;

import java.util.List;
import java.util.Map;

/**
 * One Labscale app run by the platform: a command that serves HTTP on {@code port} and reports readiness on
 * {@code /q/health/ready} (SmallRye Health in Quarkus).
 *
 * @param id          file-system name, used for {@code logs/ID.log} ("platform-api")
 * @param name        human name in messages ("platform API")
 * @param port        its HTTP port
 * @param command     program and arguments
 * @param environment variables added to the launcher's environment
 */
public record AppSpec(String id, String name, int port, List<String> command, Map<String, String> environment) {

    public AppSpec {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** Its readiness check on {@code host} (where this machine reaches it). */
    public String readinessUrl(String host) {
        return "http://" + host + ":" + port + "/q/health/ready";
    }
}
