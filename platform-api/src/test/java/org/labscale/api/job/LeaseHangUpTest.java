package org.labscale.api.job;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

import org.junit.jupiter.api.Test;
import org.labscale.api.testing.Api;
import org.labscale.api.testing.Api.User;
import org.labscale.api.testing.Workers;
import org.labscale.api.testing.Workers.Worker;

/** A worker that hangs up during its long poll is given no job: the job stays queued for the next worker. */
@QuarkusTest
class LeaseHangUpTest {

    @Test
    void shouldNotLeaseAJobToAWorkerThatHungUpWhileWaiting() throws Exception {
        User alice = Api.newUser("Hangup");
        UUID lab = Api.newLab(alice, "Hang-up Lab");
        Worker gone = Workers.forLab(alice, lab, "gone").register("CPU", 0);
        Worker next = Workers.forLab(alice, lab, "next").register("CPU", 0);

        String body = "{\"waitSeconds\":20}";
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/worker/lease HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + gone.token()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(700); // the poll is parked: no job is queued in this lab
        } // the worker hangs up
        Thread.sleep(300);

        String job = Workers.selfTest(alice, lab, Map.of());
        Thread.sleep(1500); // the submit's NOTIFY wakes the parked poll at once (the fallback poll is 20 s here)
        alice.as().get("/api/v1/jobs/{id}", job).then().statusCode(200).body("state", equalTo("QUEUED"))
                .body("attempts", equalTo(0));
        assertEquals(job, next.leaseOne().get("jobId"), "the job went to the worker that is there");
    }
}
