package org.labscale.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code labscale} script's build step, on a copy of the script in a stand-in checkout whose {@code mvnw} only
 * records that it ran (and, like the Vaadin build, writes generated files under {@code src/main}) and whose
 * {@code java} only records its arguments.
 */
class LabscaleScriptTest {

    private static final Path SCRIPT = Path.of("..", "labscale").toAbsolutePath().normalize();

    @TempDir
    Path root;

    private Path builds;
    private Path javaLog;

    @BeforeEach
    void checkout() throws IOException {
        Files.copy(SCRIPT, root.resolve("labscale"));
        executable(root.resolve("labscale"));
        builds = root.resolve("builds.log");
        javaLog = root.resolve("java.log");
        Files.writeString(root.resolve("mvnw"), """
                #!/usr/bin/env bash
                echo "start $$" >> builds.log
                sleep 2
                mkdir -p launcher/target web-ui/src/main/frontend/generated
                for app in platform-api gpu-worker web-ui; do
                  mkdir -p "$app/target/quarkus-app" && touch "$app/target/quarkus-app/quarkus-run.jar"
                done
                touch launcher/target/launcher-0.1.0.jar
                echo "export {}" > web-ui/src/main/frontend/generated/endpoints.ts
                echo "end $$" >> builds.log
                """);
        executable(root.resolve("mvnw"));
        Path java = Files.createDirectories(root.resolve("jdk/bin")).resolve("java");
        Files.writeString(java, "#!/usr/bin/env bash\necho \"$*\" >> \"$LABSCALE_HOME/java.log\"\n");
        executable(java);
        Instant past = Instant.now().minusSeconds(3600);
        for (String source : List.of("pom.xml", "platform-api/pom.xml", "platform-api/src/main/java/Api.java")) {
            Path p = root.resolve(source);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
            Files.setLastModifiedTime(p, FileTime.from(past));
        }
    }

    @Test
    void shouldBuildOnceWhenTwoUpsStartTogether() throws Exception {
        Process first = up();
        Thread.sleep(300);
        Process second = up();
        String out1 = finish(first);
        String out2 = finish(second);

        List<String> lines = Files.readAllLines(builds);
        assertEquals(2, lines.size(), "one build, not two at once: " + lines);
        assertTrue(lines.get(0).startsWith("start") && lines.get(1).startsWith("end"), lines.toString());
        assertTrue((out1 + out2).contains("Another ./labscale up is building this checkout; waiting for it"),
                out1 + "\n---\n" + out2);
        assertEquals(2, Files.readAllLines(javaLog).size(), "both went on to start the launcher");
    }

    @Test
    void shouldNotRebuildForFilesTheBuildGeneratesButForASourceChange() throws Exception {
        finish(up());
        assertEquals(2, Files.readAllLines(builds).size());
        Path generated = root.resolve("web-ui/src/main/frontend/generated/endpoints.ts");
        assertTrue(Files.exists(generated));

        String again = finish(up());
        assertEquals(2, Files.readAllLines(builds).size(), "rebuilt although no source changed:\n" + again);

        Files.writeString(root.resolve("platform-api/src/main/java/Api.java"), "changed");
        String changed = finish(up());
        assertTrue(changed.contains("sources changed since the last build (e.g. platform-api/src/main/java/Api.java)"),
                changed);
        assertEquals(4, Files.readAllLines(builds).size());
    }

    @Test
    void shouldShowHelpWithoutBuilding() throws Exception {
        Files.createDirectories(root.resolve("launcher/target"));
        Files.writeString(root.resolve("launcher/target/launcher-0.1.0.jar"), ""); // apps not built
        finish(up("--help"));
        assertTrue(Files.notExists(builds), "built before showing help");
        assertEquals(List.of("-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "
                + root.resolve("launcher/target/launcher-0.1.0.jar") + " up --help"), Files.readAllLines(javaLog));
    }

    private Process up(String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of("bash", root.resolve("labscale").toString(), "up"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("LABSCALE_"));
        pb.environment().put("JAVA_HOME", root.resolve("jdk").toString());
        return pb.start();
    }

    private static String finish(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static void executable(Path p) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }
}
