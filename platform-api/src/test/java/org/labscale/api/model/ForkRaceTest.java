package org.labscale.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import org.junit.jupiter.api.Test;

/**
 * Two forks racing for one name in one lab: one is created, the other hears the ordinary 409 naming the taken name,
 * never a 500 from the unique index (both used to pass the name check before either committed).
 */
@QuarkusTest
class ForkRaceTest {

    private static final int ROUNDS = 4;

    @Test
    void shouldCreateOneOfTwoModelForksRacingForOneNameAndRefuseTheOtherWith409() throws Exception {
        ModelFixture a = ModelFixture.create();
        String model = a.train("Raced nuclei", ModelFixture.goodOutputs(2));
        race(a, "/api/v1/labs/{lab}/forks/models", model, "model.name-taken");
    }

    @Test
    void shouldCreateOneOfTwoTrainingSetForksRacingForOneNameAndRefuseTheOtherWith409() throws Exception {
        ModelFixture a = ModelFixture.create();
        race(a, "/api/v1/labs/{lab}/forks/training-sets", a.trainingSet(), "training-set.name-taken");
    }

    private static void race(ModelFixture a, String path, String source, String code) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String name = "Copy " + round + " " + UUID.randomUUID();
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Response>> answers = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return a.alice().as().body(Map.of("sourceId", source, "version", 1, "name", name))
                                .post(path, a.lab());
                    }));
                }
                start.countDown();
                List<Integer> statuses = new ArrayList<>();
                Response refused = null;
                for (Future<Response> f : answers) {
                    Response r = f.get();
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 409) {
                        refused = r;
                    }
                }
                assertEquals(List.of(201, 409), statuses.stream().sorted().toList(), "round " + round);
                assertEquals(code, refused.jsonPath().getString("code"));
                assertEquals(true, refused.jsonPath().getString("message").contains(name), refused.asString());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
