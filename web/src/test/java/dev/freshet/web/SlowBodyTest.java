package dev.freshet.web;

import dev.freshet.engine.testdb.H2Only;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Clients that send a body slowly hold a connection each, never a worker: everyone else is served as ever. */
@H2Only("Slow bodies are read by Jetty before any route reaches the database")
class SlowBodyTest extends ApiServerTest {
    private static final Duration BOUND = Duration.ofSeconds(2);
    private static final int DRIP_ROUNDS = 15;
    private static final long DRIP_EVERY_MILLIS = 200;

    private final HttpClient quick =
            HttpClient.newBuilder().connectTimeout(BOUND).build();

    @BeforeAll
    static void champion() {
        TestEngines.registerChampion(engine, "slow", TestEngines.quickRun(engine), 2.0, 1.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/ping").statusCode() == 200);
        assertThat(http.get("/").statusCode()).isEqualTo(200); // the first render compiles the templates
    }

    @ParameterizedTest(name = "{0} connections dripping a body")
    @ValueSource(ints = {16, 200})
    void pingAndHomeAnswerWithinTwoSecondsWhileBodiesDrip(int connections) throws Exception {
        List<Socket> slow = new ArrayList<>();
        ExecutorService dripper = Executors.newSingleThreadExecutor();
        try {
            for (int i = 0; i < connections; i++) {
                Socket socket = RawHttp.open(server.port(), 1000);
                socket.getOutputStream()
                        .write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\n"
                                        + "Content-Type: application/json\r\nContent-Length: 4096\r\n\r\n{\"inputs\": [")
                                .getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            CountDownLatch dripped = new CountDownLatch(1);
            dripper.submit(() -> drip(slow, dripped));
            assertThat(dripped.await(10, TimeUnit.SECONDS)).isTrue();

            long worst = 0;
            for (int round = 0; round < 4; round++) {
                for (String path : List.of("/ping", "/")) {
                    long start = System.nanoTime();
                    HttpResponse<String> response = quick.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                                    .timeout(BOUND)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    worst = Math.max(worst, System.nanoTime() - start);
                    assertThat(response.statusCode()).as(path).isEqualTo(200);
                }
            }
            assertThat(Duration.ofNanos(worst)).isLessThan(BOUND);
        } finally {
            dripper.shutdownNow();
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodySlowerThanThePaceIsRefusedWith408() throws Exception {
        try (Socket socket = RawHttp.open(server.port(), 1000)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 4096\r\n\r\n{\"inputs\": [")
                    .getBytes(StandardCharsets.US_ASCII));
            long giveUp =
                    System.nanoTime() + BodyPace.DEFAULT.grace().plusSeconds(5).toNanos();
            while (socket.getInputStream().available() == 0 && System.nanoTime() < giveUp) {
                out.write('1');
                Thread.sleep(DRIP_EVERY_MILLIS); // the client's pace, not a wait for a state
            }

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(408);
            assertThat(Http.json(response.body()).get("detail").asText()).contains("arriving too slowly");
        }
    }

    /** One byte per connection every 200 ms, as a hostile or very slow client would. */
    private static void drip(List<Socket> sockets, CountDownLatch firstRound) {
        try {
            for (int round = 0; round < DRIP_ROUNDS; round++) {
                for (Socket socket : sockets) {
                    try {
                        socket.getOutputStream().write('1');
                    } catch (IOException closedByServer) {
                        // the server may give up on a client this slow: that is allowed
                    }
                }
                firstRound.countDown();
                Thread.sleep(DRIP_EVERY_MILLIS); // the client's pace, not a wait for a state
            }
        } catch (InterruptedException stop) {
            Thread.currentThread().interrupt();
        }
    }
}
