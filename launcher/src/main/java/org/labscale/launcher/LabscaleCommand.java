package org.labscale.launcher;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.labscale.launcher.platform.AppsFactory;
import org.labscale.launcher.platform.LabscaleApps;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code labscale}: the Labscale platform on this machine. Run through the {@code labscale} script. */
@Command(name = "labscale", mixinStandardHelpOptions = true, version = "Labscale launcher 0.1.0",
        description = "Runs the Labscale platform on this machine: embedded PostgreSQL 17, S3Proxy, "
                + "the platform API, the GPU worker and the web UI, each a separate process.")
public final class LabscaleCommand implements Runnable {

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        // The library logs start-up details at INFO; the commands print their own progress.
        Logger.getLogger("").setLevel(Level.WARNING);
        System.exit(commandLine(new LabscaleApps()).execute(args));
    }

    /** The command tree, with the apps to run injectable (tests use stand-ins). */
    public static CommandLine commandLine(AppsFactory apps) {
        CommandLine cl = new CommandLine(new LabscaleCommand());
        cl.addSubcommand("up", new UpCommand(apps));
        cl.addSubcommand("status", new StatusCommand());
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
