package org.labscale.launcher.platform;

import java.util.List;

/** The apps to run, in start order, given the running infrastructure. Tests substitute stand-ins. */
@FunctionalInterface
public interface AppsFactory {

    List<AppSpec> apps(PlatformContext context);

    /** Problems that make starting pointless (e.g. an app not built), checked before anything starts. */
    default List<String> preflight(PlatformConfig config) {
        return List.of();
    }
}
