package org.labscale.cli;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.Map;

import org.labscale.cli.command.ImagesCommand;
import org.labscale.cli.command.JobsCommand;
import org.labscale.cli.command.LoginCommand;
import org.labscale.cli.command.LogoutCommand;
import org.labscale.cli.command.MasksCommand;
import org.labscale.cli.command.ModelsCommand;
import org.labscale.cli.command.ProjectsCommand;
import org.labscale.cli.command.TrainingSetsCommand;
import org.labscale.cli.command.WhoamiCommand;
import org.labscale.cli.command.ZooCommand;
import org.labscale.cli.command.lab.LabsCommand;
import org.labscale.cli.command.lab.TokensCommand;
import org.labscale.cli.command.lab.WorkersCommand;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code labscale-cli}: how a lab's pipeline script talks to Labscale. Sign in once ({@code login}), then upload
 * images and masks, freeze training sets, submit jobs and follow them. Every command prints a table for people or
 * {@code --json} for scripts, and ends with an exit status scripts can branch on ({@link ExitCodes}).
 */
@Command(name = "labscale-cli", mixinStandardHelpOptions = true, versionProvider = LabscaleCli.Version.class,
        description = "The Labscale command-line client: a lab's whole pipeline from scripts, from labs and tokens to "
                + "images, masks, training sets, training, segmentation and outputs.",
        subcommands = {LoginCommand.class, WhoamiCommand.class, LogoutCommand.class, TokensCommand.class,
                LabsCommand.class, WorkersCommand.class, ProjectsCommand.class, ImagesCommand.class, MasksCommand.class,
                TrainingSetsCommand.class, JobsCommand.class, ModelsCommand.class, ZooCommand.class})
public final class LabscaleCli extends Group {

    private static final String ENVIRONMENT = "%nEnvironment:%n"
            + "  LABSCALE_URL         platform URL; overrides the stored one%n"
            + "  LABSCALE_TOKEN       API token (lsk_...); overrides the stored one%n"
            + "  LABSCALE_CLI_CONFIG  configuration file; default%n"
            + "                       ~/.config/labscale/cli.properties%n";

    public static void main(String[] args) {
        System.exit(run(CliContext.system(), args));
    }

    /** Runs one command line in {@code context}; answers the exit status. */
    public static int run(CliContext context, String... args) {
        return commandLine(context).execute(args);
    }

    /** The command tree, with every command built around {@code context}. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine cl = new CommandLine(LabscaleCli.class, new Factory(context));
        cl.setOut(context.out());
        cl.setErr(context.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (ex instanceof CliException e) {
                command.getErr().println("labscale-cli: " + e.getMessage());
                command.getErr().flush();
                return e.exitCode();
            }
            throw ex;
        });
        Map<String, String> exitCodes = new LinkedHashMap<>();
        exitCodes.put("0", "done (jobs follow: the job SUCCEEDED)");
        exitCodes.put("1", "the platform refused the request (4xx; jobs follow: FAILED or CANCELLED)");
        exitCodes.put("2", "wrong command line, unreadable local file, or not signed in");
        exitCodes.put("3", "the platform is unreachable or failed (connection, timeout, 5xx)");
        decorate(cl, exitCodes);
        return cl;
    }

    private static void decorate(CommandLine cl, Map<String, String> exitCodes) {
        cl.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes)
                .footer(String.format(ENVIRONMENT));
        cl.getSubcommands().values().forEach(sub -> decorate(sub, exitCodes));
    }

    /** Builds commands, giving those that want it (a constructor taking one) the {@link CliContext}. */
    private record Factory(CliContext context) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withContext = type.getDeclaredConstructor(CliContext.class);
                withContext.setAccessible(true);
                return withContext.newInstance(context);
            } catch (NoSuchMethodException e) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }

    /** The version from the jar's manifest ({@code Implementation-Version}). */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LabscaleCli.class.getPackage().getImplementationVersion();
            return new String[] {"labscale-cli " + (v == null ? "(development build)" : v)};
        }
    }
}
