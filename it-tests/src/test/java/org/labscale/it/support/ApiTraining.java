package org.labscale.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.specification.RequestSpecification;

import org.labscale.it.support.Lab.Person;

/**
 * Training and segmentation on real data through the API, as a lab does it from the UI or the CLI: images uploaded
 * (one file per channel, assembled by the API), annotations, a frozen training set with channel roles, TRAINING and
 * SEGMENTATION jobs followed to their end, and the jobs' outputs read back.
 */
public final class ApiTraining {

    private ApiTraining() {
    }

    /** Uploads one image from one 16-bit PNG per channel, named by {@code channelNames} in order; answers its id. */
    public static String uploadChannels(Person who, UUID project, String name, List<byte[]> channelPngs,
                                        List<String> channelNames) {
        RequestSpecification request = who.raw();
        for (int c = 0; c < channelPngs.size(); c++) {
            request.multiPart("file", name + "-" + channelNames.get(c) + ".png", channelPngs.get(c), "image/png");
        }
        return request.multiPart("channelNames", String.join(",", channelNames))
                .post("/api/v1/projects/{p}/images", project).then().statusCode(201).extract().path("id");
    }

    /** Uploads a PNG annotation of {@code kind} (INSTANCE_MASK, CLASS_MAP...); answers its id. */
    public static String annotate(Person who, String image, byte[] png, String kind, String name) {
        return who.raw().multiPart("file", name + ".png", png, "image/png").multiPart("kind", kind)
                .multiPart("name", name).post("/api/v1/images/{i}/annotations", image).then().statusCode(201)
                .extract().path("id");
    }

    /** Freezes version 1 of a new training set of (image, annotation) pairs whose channel i has role i. */
    public static String trainingSet(Person who, UUID lab, String name, Map<String, String> annotationByImage,
                                     List<String> roles) {
        Map<String, String> channelRoles = new java.util.LinkedHashMap<>();
        for (int c = 0; c < roles.size(); c++) {
            channelRoles.put(Integer.toString(c), roles.get(c));
        }
        return Lab.trainingSet(who, lab, name, List.copyOf(annotationByImage.entrySet()), channelRoles);
    }

    /** Runs a job of {@code kind} to its end; fails the test unless it SUCCEEDED. */
    public static Jobs.Ended run(Person who, UUID lab, String kind, Map<String, Object> payload, Duration timeout)
            throws InterruptedException {
        Jobs.Ended ended = Jobs.await(who, Jobs.submit(who, lab, kind, payload, kind.toLowerCase() + "-"
                + UUID.randomUUID()), timeout);
        assertEquals("SUCCEEDED", ended.state(), ended.job().prettify());
        return ended;
    }

    /** One output of a job, by name ({@code <imageId>/labels.png}), streamed by the API. */
    public static byte[] output(Person who, UUID lab, String job, String name) {
        return who.raw().urlEncodingEnabled(false).get("/api/v1/labs/" + lab + "/jobs/" + job + "/output-files/"
                + name).then().statusCode(200).extract().asByteArray();
    }
}
