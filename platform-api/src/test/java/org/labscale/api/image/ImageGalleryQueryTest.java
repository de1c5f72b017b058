package org.labscale.api.image;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.DataBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/** Issue 17: a project's gallery sorts by name or date and filters by a piece of the name and annotated or not. */
@QuarkusTest
class ImageGalleryQueryTest {

    private static final String IMAGES = "/api/v1/projects/{p}/images";
    private static final int[][] CELL = {{0, 0, 0, 0, 0, 0}, {0, 1, 1, 0, 0, 0}, {0, 1, 1, 0, 0, 0},
            {0, 0, 0, 0, 0, 0}, {0, 0, 0, 0, 0, 0}};

    private static UUID upload(User user, UUID project, String name, int shift) {
        return UUID.fromString(Uploads.image(user, project, "upload.png", TestFiles.png(TestFiles.gray(6, 5,
                        DataBuffer.TYPE_BYTE, (x, y) -> (x * 7 + y * 3 + shift) % 200)), Map.of("name", name))
                .statusCode(201).extract().path("id"));
    }

    private static List<String> names(User user, UUID project, Map<String, ?> query) {
        return user.as().queryParams(query).get(IMAGES, project).then().statusCode(200).extract().path("items.name");
    }

    @Test
    void shouldSortByNameOrDateAndFilterByNameAndAnnotations() {
        User alice = Api.newUser("Alice");
        UUID lab = Api.newLab(alice, "Gallery Lab");
        UUID project = Api.newProject(alice, lab, "Gallery");
        upload(alice, project, "b-cell", 1);
        UUID nucleus = upload(alice, project, "A-nucleus", 2);
        upload(alice, project, "c_50%", 3);
        UUID cell = upload(alice, project, "d-cell", 4);
        for (UUID annotated : List.of(nucleus, cell)) {
            Uploads.annotation(alice, annotated, TestFiles.mask16(CELL), Map.of("kind", "INSTANCE_MASK", "name",
                    "nuclei")).statusCode(201);
        }

        List<String> uploaded = List.of("b-cell", "A-nucleus", "c_50%", "d-cell");
        assertEquals(uploaded, names(alice, project, Map.of()));
        assertEquals(List.of("d-cell", "c_50%", "A-nucleus", "b-cell"), names(alice, project, Map.of("sort",
                "-date")));
        assertEquals(List.of("A-nucleus", "b-cell", "c_50%", "d-cell"),
                names(alice, project, Map.of("sort", "name")));
        assertEquals(List.of("b-cell", "d-cell"),
                names(alice, project, Map.of("name", "CELL", "sort", "name")));
        assertEquals(List.of("c_50%"), names(alice, project, Map.of("name", "%")),
                "% and _ are plain characters");
        assertEquals(List.of(), names(alice, project, Map.of("name", "_n")));
        assertEquals(List.of("d-cell", "A-nucleus"),
                names(alice, project, Map.of("annotated", "true", "sort", "-name")));
        assertEquals(List.of("b-cell", "c_50%"),
                names(alice, project, Map.of("annotated", "false")));
        alice.as().queryParams(Map.of("sort", "name", "annotated", "false", "page", 1, "size", 1)).get(IMAGES, project)
                .then().statusCode(200).body("total", equalTo(2)).body("items.name", equalTo(List.of("c_50%")));
    }

    @Test
    void shouldNameTheBadValueOfAGalleryQuery() {
        User alice = Api.newUser("Alice");
        UUID project = Api.newProject(alice, Api.newLab(alice, "Gallery Lab"), "Gallery");
        alice.as().queryParam("sort", "size").get(IMAGES, project).then().statusCode(400)
                .body("details.field", equalTo("sort"))
                .body("message", containsString("sort must be one of date, -date, name, -name, not 'size'"));
        alice.as().queryParam("annotated", "maybe").get(IMAGES, project).then().statusCode(400)
                .body("details.field", equalTo("annotated")).body("message", containsString("'maybe'"));
        alice.as().queryParam("name", "x".repeat(501)).get(IMAGES, project).then().statusCode(400)
                .body("details.field", equalTo("name"));
        User stranger = Api.newUser("Mallory");
        stranger.as().queryParam("sort", "name").get(IMAGES, project).then().statusCode(404);
    }
}
