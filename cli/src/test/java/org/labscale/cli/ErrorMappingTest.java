package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit statuses scripts branch on: 0 done, 1 refused (4xx), 2 usage, 3 unreachable or 5xx. */
class ErrorMappingTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldExit1WithTheApisMessageOnA4xx() {
        api.on("GET", "/api/v1/images/" + Fixtures.IMAGE + "/annotations", 404, StubApi.error("not-found",
                "No image with id " + Fixtures.IMAGE + " exists, or you cannot see it."));

        Cli.Result r = cli.run("masks", "list", "--image", Fixtures.IMAGE.toString());

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        assertEquals("labscale-cli: No image with id " + Fixtures.IMAGE + " exists, or you cannot see it. [not-found]\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void shouldExit3OnA5xx() {
        api.on("GET", "/api/v1/labs", 503, StubApi.error("unavailable", "The database is down."));

        Cli.Result r = cli.run("labs", "list");

        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertTrue(r.err().contains("HTTP 503") && r.err().contains("The database is down."), r.toString());
    }

    @Test
    void shouldExit3WhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        cli.env.put("LABSCALE_URL", "http://127.0.0.1:" + port);

        Cli.Result r = cli.run("labs", "list");

        assertEquals(ExitCodes.UNAVAILABLE, r.exit(), r.toString());
        assertTrue(r.err().contains("Cannot reach Labscale at http://127.0.0.1:" + port), r.toString());
    }

    @Test
    void shouldExit2OnABadCommandLineWithoutCallingTheApi() {
        assertEquals(ExitCodes.USAGE, cli.run("projects", "list").exit(), "missing --lab");
        assertEquals(ExitCodes.USAGE, cli.run("images", "list", "--project", "not-a-uuid").exit());
        assertEquals(ExitCodes.USAGE, cli.run("jobs").exit(), "a group alone");
        assertEquals(ExitCodes.USAGE, cli.run("frobnicate").exit());
        assertEquals(ExitCodes.USAGE, cli.run("masks", "upload", "--image", Fixtures.IMAGE.toString(), "--kind",
                "SQUIGGLE", "m.png").exit(), "unknown kind");
        assertEquals(ExitCodes.USAGE, cli.run("images", "upload", "--project", Fixtures.PROJECT.toString(),
                dir.resolve("missing.png").toString()).exit(), "unreadable file");
        assertTrue(api.requests.isEmpty(), "nothing is sent for a bad command line: " + api.requests);
    }

    @Test
    void shouldExit2WhenNotSignedIn() {
        Cli bare = new Cli(dir.resolve("none.properties"));
        bare.env.put("LABSCALE_URL", api.url());

        Cli.Result r = bare.run("labs", "list");

        assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
        assertTrue(r.err().contains("Not signed in"), r.toString());
    }

    @Test
    void shouldSendTheTokenAndAnswerHelpWithExitCodes() {
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));

        Cli.Result r = cli.run("labs", "list", "--json");
        Cli.Result help = cli.run("jobs", "follow", "--help");

        assertEquals(0, r.exit(), r.toString());
        assertEquals("Bearer lsk_test", api.only("GET", "/api/v1/labs").header("Authorization"));
        assertTrue(r.out().contains("\"slug\" : \"cell-lab\""), r.toString());
        assertEquals(0, help.exit());
        assertTrue(help.out().contains("Exit codes:") && help.out().contains("SUCCEEDED"), help.toString());
    }
}
