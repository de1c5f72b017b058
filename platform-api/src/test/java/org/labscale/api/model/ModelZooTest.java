package org.labscale.api.model;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;

/**
 * The model zoo: each caller finds exactly the versions it may see (its lab's, granted, public; anonymous: public),
 * filtered, sorted by validation Jaccard and paged; deprecated versions are hidden unless asked for and stay usable.
 */
@QuarkusTest
class ModelZooTest {

    private static final String ZOO = "/api/v1/zoo/models";
    private static final String VERSION = "/api/v1/labs/{lab}/models/{m}/versions/{n}";

    @Test
    void shouldFindWhatEachCallerMaySeeFilteredSortedAndPaged() {
        ModelFixture a = ModelFixture.create();
        ModelFixture b = ModelFixture.create();
        ModelFixture c = ModelFixture.create();
        String word = "zebra" + UUID.randomUUID().toString().substring(0, 8);
        String alpha = a.train("Alpha " + word, outputs(0.6, "CC-BY-4.0"));
        a.train("Alpha " + word, outputs(0.8, "CC-BY-4.0"));
        String beta = a.train("Beta " + word, outputs(0.7, "MIT"));
        String alpha1 = id(a, alpha, 1);
        String alpha2 = id(a, alpha, 2);
        String beta1 = id(a, beta, 1);
        User viewer = Api.newUser("Viewer");
        Api.join(a.alice(), a.lab(), viewer, "VIEWER");

        // The lab sees its own versions, best validation Jaccard first, with what it was measured on.
        viewer.as().get(ZOO + "?labId={lab}", a.lab()).then().statusCode(200).body("total", equalTo(3))
                .body("items.versionId", contains(alpha2, beta1, alpha1))
                .body("items[0].meanPerCellJaccard", equalTo(0.8f))
                .body("items[0].visibility", equalTo("PRIVATE"))
                .body("items[0].latestVersion", equalTo(2))
                .body("items[0].trainingSets[0].trainingSetId", equalTo(a.trainingSet()));
        for (ModelFixture other : List.of(b, c)) {
            other.alice().as().get(ZOO + "?labId={lab}", a.lab()).then().statusCode(200).body("items", empty())
                    .body("total", equalTo(0));
            other.alice().as().get(ZOO + "/{v}", alpha1).then().statusCode(404)
                    .body("details.resource", equalTo("model"));
        }
        RestAssured.given().get(ZOO + "?labId={lab}", a.lab()).then().statusCode(200).body("items", empty());

        // A grant shows B that one version; the latest it may see is that one. Public shows it to all, anonymous too.
        a.alice().as().put(VERSION + "/grants/{g}", a.lab(), alpha, 1, b.lab()).then().statusCode(200);
        a.alice().as().body(Map.of("visibility", "PUBLIC")).put(VERSION + "/visibility", a.lab(), beta, 1).then()
                .statusCode(200);
        b.alice().as().get(ZOO + "?labId={lab}", a.lab()).then().body("items.versionId", contains(beta1, alpha1))
                .body("items[1].visibility", equalTo("SHARED")).body("items[1].latestVersion", equalTo(1))
                .body("items[0].visibility", equalTo("PUBLIC"));
        b.alice().as().get(ZOO + "/{v}", alpha1).then().statusCode(200).body("id", equalTo(alpha1));
        c.alice().as().get(ZOO + "?labId={lab}", a.lab()).then().body("items.versionId", contains(beta1));
        RestAssured.given().get(ZOO + "?labId={lab}", a.lab()).then().statusCode(200)
                .body("items.versionId", contains(beta1)).body("items[0].licence", equalTo("MIT"));
        RestAssured.given().get(ZOO + "/{v}", beta1).then().statusCode(200).body("card.licence", equalTo("MIT"));
        String hidden = RestAssured.given().get(ZOO + "/{v}", alpha1).then().statusCode(404).extract().asString();
        String missing = RestAssured.given().get(ZOO + "/{v}", UUID.randomUUID()).then().statusCode(404).extract()
                .asString();
        org.junit.jupiter.api.Assertions.assertEquals(hidden.replace(alpha1, "X"),
                missing.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "X"));
        RestAssured.given().get(VERSION + "/members/0", a.lab(), beta, 1).then().statusCode(401);

        // Filters combine; sorting and paging are bounded and checked.
        User reader = a.alice();
        reader.as().get(ZOO + "?labId={lab}&licence=mit", a.lab()).then().body("items.versionId", contains(beta1));
        reader.as().get(ZOO + "?q={q}", "beta " + word).then().body("items.versionId", contains(beta1));
        reader.as().get(ZOO + "?q={q}&labId={lab}", word, a.lab()).then().body("total", equalTo(3));
        reader.as().get(ZOO + "?labId={lab}&task=semantic-segmentation&channel=nuclear&channels=1&tag=interior",
                a.lab()).then().body("total", equalTo(3));
        reader.as().get(ZOO + "?labId={lab}&channel=phase", a.lab()).then().body("total", equalTo(0));
        reader.as().get(ZOO + "?labId={lab}&channels=2", a.lab()).then().body("total", equalTo(0));
        reader.as().get(ZOO + "?labId={lab}&tag=HeLa", a.lab()).then().body("total", equalTo(0));
        reader.as().get(ZOO + "?labId={lab}&sort=newest", a.lab()).then()
                .body("items.versionId", contains(beta1, alpha2, alpha1));
        reader.as().get(ZOO + "?labId={lab}&sort=name", a.lab()).then()
                .body("items.versionId", contains(alpha2, alpha1, beta1));
        reader.as().get(ZOO + "?labId={lab}&size=2&page=1", a.lab()).then().body("items.versionId", contains(alpha1))
                .body("total", equalTo(3));
        reader.as().get(ZOO + "?sort=popular").then().statusCode(400).body("details.field", equalTo("sort"));
        reader.as().get(ZOO + "?size=1000").then().statusCode(400).body("details.field", equalTo("size"));
        reader.as().get(ZOO + "?channels=0").then().statusCode(400).body("details.field", equalTo("channels"));

        // Deprecation: members only, with a reason; hidden from search unless asked, the latest pointer moves back,
        // and jobs naming the version still run.
        viewer.as().body(Map.of("reason", "x")).put(VERSION + "/deprecation", a.lab(), alpha, 2).then()
                .statusCode(403);
        b.alice().as().body(Map.of("reason", "x")).put(VERSION + "/deprecation", a.lab(), alpha, 2).then()
                .statusCode(404);
        reader.as().body(Map.of("reason", " ")).put(VERSION + "/deprecation", a.lab(), alpha, 2).then()
                .statusCode(400).body("details.field", equalTo("reason"));
        reader.as().body(Map.of("reason", "Over-segments large nuclei")).put(VERSION + "/deprecation", a.lab(),
                alpha, 2).then().statusCode(200).body("deprecated", equalTo(true)).body("latestVersion", equalTo(1));
        reader.as().get(ZOO + "?labId={lab}", a.lab()).then().body("items.versionId", contains(beta1, alpha1))
                .body("items[1].latestVersion", equalTo(1));
        reader.as().get(ZOO + "?labId={lab}&includeDeprecated=true", a.lab()).then()
                .body("items.versionId", contains(alpha2, beta1, alpha1))
                .body("items[0].deprecated", equalTo(true))
                .body("items[0].deprecationReason", equalTo("Over-segments large nuclei"));
        reader.as().body(Map.of("kind", "SEGMENTATION", "payload", Map.of("modelId", alpha, "modelVersion", 2,
                "imageIds", List.of(a.imageA())))).post("/api/v1/labs/{lab}/jobs", a.lab()).then().statusCode(201);
        reader.as().delete(VERSION + "/deprecation", a.lab(), alpha, 2).then().statusCode(200)
                .body("deprecated", equalTo(false)).body("reason", nullValue()).body("latestVersion", equalTo(2));
    }

    private static String id(ModelFixture lab, String model, int n) {
        return lab.alice().as().get(VERSION, lab.lab(), model, n).then().statusCode(200).extract().path("id");
    }

    /** Good outputs whose card reports a validation per-cell Jaccard index and a licence. */
    private static Map<String, byte[]> outputs(double jaccard, String licence) {
        Map<String, byte[]> files = ModelFixture.goodOutputs(2);
        String card = new String(files.get("card.json"), StandardCharsets.UTF_8)
                .replace("\"validationMetrics\":{\"pixelAccuracy\":0.93}",
                        "\"validationMetrics\":{\"pixelAccuracy\":0.93,\"meanPerCellJaccard\":" + jaccard + "}")
                .replace("\"licence\":\"CC-BY-4.0\"", "\"licence\":\"" + licence + "\"");
        files.put("card.json", card.getBytes(StandardCharsets.UTF_8));
        return files;
    }
}
