package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Issue 21.6: the READMEs' command lines agree with the CLI. Every {@code labscale-cli} command in a shell block of
 * a README (the project's, the CLI's, every module's) parses against the command tree, with shell variables standing
 * for ids; every command in the CLI README's table exists and names only options it has; and every command the CLI
 * has is in that table.
 */
class ReadmeExamplesTest {

    /** The repository root: tests run in {@code cli/}. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** What a shell variable or command substitution stands for in an example: an id parses as any option value. */
    static final String ID = "6f1c2a9e-0b7d-4c1e-9a55-3d2f8e4b7c10";
    private static final Pattern TABLE_COMMAND = Pattern.compile("`([a-z][a-z-]* [^`]*)`");

    static CommandLine tree() {
        StringWriter sink = new StringWriter();
        CliContext ctx = new CliContext(Map.of(), ROOT.resolve("no-config"), java.io.InputStream.nullInputStream(),
                new PrintWriter(sink), new PrintWriter(sink), null, Clock.systemUTC());
        return LabscaleCli.commandLine(ctx);
    }

    static List<Path> readmes() throws IOException {
        List<Path> files = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        try (Stream<Path> modules = Files.list(ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    /** Each {@code labscale-cli} command line in the shell blocks of {@code readme}, as its argument words. */
    static List<List<String>> shellExamples(Path readme) throws IOException {
        List<List<String>> examples = new ArrayList<>();
        boolean inBlock = false;
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(readme)) { // a line ending in a backslash goes on in the next one
            if (!lines.isEmpty() && lines.get(lines.size() - 1).endsWith("\\")) {
                String open = lines.remove(lines.size() - 1);
                lines.add(open.substring(0, open.length() - 1) + " " + line.strip());
            } else {
                lines.add(line);
            }
        }
        for (String line : lines) {
            if (line.startsWith("```")) {
                inBlock = !inBlock && line.length() > 3; // ```bash opens, ``` closes; a bare ``` block is output
                continue;
            }
            if (!inBlock) {
                continue;
            }
            Matcher m = Pattern.compile("(?:^|[\\s($|])(?:\\./)?labscale-cli((?:\\s[^\\n]*)?)$").matcher(line);
            int from = 0;
            while (m.find(from)) {
                examples.add(words(m.group(1)));
                from = m.end();
            }
        }
        return examples;
    }

    /**
     * Splits the rest of a shell line into words as the shell would pass them, up to the end of the command (a
     * comment, a pipe, {@code ||}, {@code &&}, {@code ;}, a redirection or the {@code )} of a substitution);
     * {@code $VAR} and {@code $(...)} become {@link #ID}.
     */
    static List<String> words(String rest) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (quote == 0 && (c == '#' || c == '|' || c == '&' || c == ';' || c == ')' || c == '<' || c == '>')
                    && (word == null || c != '#')) {
                break;
            }
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == quote) {
                quote = 0;
            } else if (c == '$' && quote != '\'') {
                int end = i + 1;
                if (end < rest.length() && rest.charAt(end) == '(') {
                    end = rest.indexOf(')', end) + 1;
                } else {
                    while (end < rest.length() && (Character.isLetterOrDigit(rest.charAt(end))
                            || rest.charAt(end) == '_' || rest.charAt(end) == '{' || rest.charAt(end) == '}')) {
                        end++;
                    }
                }
                word.append(ID);
                i = end - 1;
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void shouldSplitShellLinesAsTheShellWould() {
        assertEquals(List.of("projects", "create", "--lab", "my-lab", "Run " + ID),
                words(" projects create --lab my-lab \"Run $(date +%F)\")"));
        assertEquals(List.of("jobs", "follow", ID), words(" jobs follow \"$J\" || { echo failed; }"));
        assertEquals(List.of("jobs", "submit", "--payload", "-"), words(" jobs submit --payload - <<<'{\"steps\": 3}'"));
        assertEquals(List.of("whoami"), words(" whoami        # user, labs and roles"));
    }

    @Test
    void shouldParseEveryCommandLineOfEveryReadme() throws IOException {
        List<String> problems = new ArrayList<>();
        int parsed = 0;
        for (Path readme : readmes()) {
            for (List<String> args : shellExamples(readme)) {
                try {
                    tree().parseArgs(args.toArray(String[]::new));
                    parsed++;
                } catch (CommandLine.ParameterException e) {
                    problems.add(ROOT.relativize(readme) + ": labscale-cli " + String.join(" ", args) + "\n    "
                            + e.getMessage());
                }
            }
        }
        assertTrue(problems.isEmpty(), "README examples the CLI refuses:\n" + String.join("\n", problems));
        assertTrue(parsed >= 20, "found only " + parsed + " examples: is the extraction broken?");
    }

    /** The leaf commands of the tree, e.g. {@code labs members role}. */
    static Set<String> leaves(CommandLine cl, String prefix) {
        Set<String> out = new TreeSet<>();
        if (cl.getSubcommands().isEmpty()) {
            out.add(prefix.strip());
        }
        cl.getSubcommands().forEach((name, sub) -> out.addAll(leaves(sub, prefix + name + " ")));
        return out;
    }

    @Test
    void shouldDocumentEveryCommandInTheCliReadmeTableWithOnlyItsOwnOptions() throws IOException {
        CommandLine root = tree();
        Set<String> documented = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (String line : Files.readAllLines(ROOT.resolve("cli/README.md"))) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String cell = line.substring(1, line.indexOf(" |", 2));
            Matcher m = TABLE_COMMAND.matcher(cell);
            while (m.find()) {
                String synopsis = m.group(1);
                CommandLine cl = root;
                StringBuilder path = new StringBuilder();
                for (String word : synopsis.split("\\s+")) {
                    CommandLine sub = cl.getSubcommands().get(word);
                    if (sub == null) {
                        break;
                    }
                    cl = sub;
                    path.append(path.isEmpty() ? "" : " ").append(word);
                }
                if (!cl.getSubcommands().isEmpty()) {
                    problems.add("'" + synopsis + "' names no command (" + path + " has "
                            + cl.getSubcommands().keySet() + ")");
                    continue;
                }
                documented.add(path.toString());
                CommandSpec spec = cl.getCommandSpec();
                Matcher option = Pattern.compile("(?<![\\w-])(--?[a-zA-Z][\\w-]*)").matcher(synopsis);
                while (option.find()) {
                    OptionSpec o = spec.findOption(option.group(1));
                    if (o == null) {
                        problems.add("'" + path + "' has no option " + option.group(1) + " (in '" + synopsis + "')");
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), "cli/README.md's table disagrees with the CLI:\n" + String.join("\n", problems));
        Set<String> undocumented = new TreeSet<>(leaves(root, ""));
        undocumented.removeAll(documented);
        undocumented.removeIf(c -> Set.of("login", "logout", "whoami").contains(c)); // their own section
        assertEquals(Set.of(), undocumented, "commands missing from cli/README.md's table");
        assertFalse(documented.isEmpty());
    }
}
