package org.labscale.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.labscale.shared.project.ProjectDto;

class ProjectsTest {

    @TempDir
    Path dir;

    StubApi api;
    Cli cli;

    @BeforeEach
    void start() throws Exception {
        api = new StubApi();
        cli = Cli.signedIn(dir, api);
        api.on("GET", "/api/v1/labs", 200, Fixtures.page(List.of(Fixtures.lab())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void shouldFindALabBySlugAndPrintOnlyTheNewProjectsId() {
        ProjectDto created = new ProjectDto(Fixtures.PROJECT, Fixtures.LAB, "Hoechst", null, List.of("nuclei", "3t3"),
                0, Fixtures.T, Fixtures.T, 1);
        api.on("POST", "/api/v1/labs/" + Fixtures.LAB + "/projects", 201, created);

        Cli.Result r = cli.run("projects", "create", "--lab", "cell-lab", "Hoechst", "--tag", "nuclei,3t3");

        assertEquals(0, r.exit(), r.toString());
        assertEquals(Fixtures.PROJECT + "\n", r.out(), "stdout is the id alone, for P=$(labscale-cli ...)");
        StubApi.Request sent = api.only("POST", "/api/v1/labs/" + Fixtures.LAB + "/projects");
        assertEquals("Hoechst", sent.json().get("name").asText());
        assertEquals("[\"nuclei\",\"3t3\"]", sent.json().get("tags").toString());
    }

    @Test
    void shouldUseAnIdWithoutLookingUpLabsAndFilterByTag() {
        api.on("GET", "/api/v1/labs/" + Fixtures.LAB + "/projects", 200, Fixtures.page(List.of(new ProjectDto(
                Fixtures.PROJECT, Fixtures.LAB, "Hoechst", null, List.of("nuclei"), 4, Fixtures.T, Fixtures.T, 1))));

        Cli.Result r = cli.run("projects", "list", "--lab", Fixtures.LAB.toString(), "--tag", "nuclei");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(api.requests("GET", "/api/v1/labs").isEmpty());
        assertEquals("tag=nuclei&page=0&size=200", api.only("GET", "/api/v1/labs/" + Fixtures.LAB + "/projects").query());
        assertTrue(r.out().startsWith("ID"), r.toString());
        assertTrue(r.out().contains("Hoechst") && r.out().contains("nuclei"), r.toString());
    }

    @Test
    void shouldNameTheCallersLabsWhenASlugIsUnknown() {
        Cli.Result r = cli.run("projects", "list", "--lab", "other-lab");

        assertEquals(ExitCodes.REFUSED, r.exit(), r.toString());
        assertTrue(r.err().contains("'other-lab'") && r.err().contains("cell-lab"), r.toString());
    }

    @Test
    void shouldReadEveryPageOfALongList() {
        List<ProjectDto> all = java.util.stream.IntStream.range(0, 450).mapToObj(i -> new ProjectDto(UUID.randomUUID(),
                Fixtures.LAB, "p" + i, null, List.of(), 0, Fixtures.T, Fixtures.T, 1)).toList();
        api.on("GET", "/api/v1/labs/" + Fixtures.LAB + "/projects", (req, ex) -> {
            int page = Integer.parseInt(req.query().replaceAll(".*page=(\\d+).*", "$1"));
            int size = Integer.parseInt(req.query().replaceAll(".*size=(\\d+).*", "$1"));
            List<ProjectDto> items = all.subList(Math.min(all.size(), page * size), Math.min(all.size(), (page + 1) * size));
            StubApi.send(ex, 200, new org.labscale.shared.api.PageDto<>(items, page, size, all.size()));
        });

        Cli.Result r = cli.run("projects", "list", "--lab", Fixtures.LAB.toString(), "--json");
        Cli.Result limited = cli.run("projects", "list", "--lab", Fixtures.LAB.toString(), "--limit", "10");

        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("\"p0\"") && r.out().contains("\"p449\""), "all 450 across 3 pages");
        assertEquals(3 + 1, api.requests("GET", "/api/v1/labs/" + Fixtures.LAB + "/projects").size());
        assertEquals(11, limited.out().lines().count(), limited.toString());
        assertTrue(limited.err().contains("showing 10 of 450"), limited.toString());
    }
}
