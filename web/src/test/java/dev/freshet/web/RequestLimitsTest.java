package dev.freshet.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.testdb.H2Only;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Bodies stop at their route's limit whatever the framing, bad bodies are 400s, and Jetty's refusals are JSON. */
@H2Only("Body limits and Jetty's refusals are settled before any route reaches the database")
class RequestLimitsTest extends ApiServerTest {
    private static final byte[] JUNK = new byte[64 * 1024];

    @BeforeAll
    static void champion() {
        TestEngines.registerChampion(engine, "limits", TestEngines.quickRun(engine), 2.0, 1.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/ping").statusCode() == 200);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/invocations", "/login", "/api/v1/experiments"})
    void aChunkedBodyStopsAtTheRoutesLimit(String path) throws Exception {
        long limit = BodyLimits.DEFAULT.forPath(path);
        String auth = path.startsWith("/api/") ? "Authorization: Bearer " + TOKEN + "\r\n" : "";
        try (Socket socket = RawHttp.open(server.port(), 20_000)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + auth
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            // past the limit, then nothing more and no last chunk: only a server that stops at the limit answers
            sendChunks(out, limit + 2L * JUNK.length);

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.headers().get("content-type")).startsWith("application/json");
            assertThat(json(response.body()).get("detail").asText()).contains(Long.toString(limit));
        }
        assertThat(http.get("/ping").statusCode()).isEqualTo(200);
    }

    @Test
    void aChunkedBodyWithinTheLimitIsServed() throws IOException {
        String body = "{\"inputs\": [[1, 2], [3, 4]]}";
        try (Socket socket = RawHttp.open(server.port(), 10_000)) {
            socket.getOutputStream()
                    .write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(200);
            assertThat(json(response.body()).get("predictions").toString()).isEqualTo("[5.0,11.0]");
        }
    }

    @Test
    void aBodyArrivingInPiecesIsServedOnceComplete() throws Exception {
        String body = "{\"inputs\": [[1, 2], [3, 4]]}";
        try (Socket socket = RawHttp.open(server.port(), 10_000)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + body.length() + "\r\n\r\n" + body.substring(0, 10))
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(300); // the client's pause between two pieces, not a wait for a state
            out.write(body.substring(10).getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(200);
            assertThat(json(response.body()).get("predictions").toString()).isEqualTo("[5.0,11.0]");
        }
    }

    @Test
    void aClientWaitingFor100ContinueIsServed() throws Exception {
        HttpResponse<String> response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://127.0.0.1:" + server.port() + "/invocations"))
                                .header("Content-Type", "application/json")
                                .expectContinue(true)
                                .timeout(Duration.ofSeconds(10))
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inputs\": [[1, 2]]}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("predictions").toString()).isEqualTo("[5.0]");
    }

    @Test
    void aChunkedLoginFormIsRead() throws IOException {
        String form = "token=" + TOKEN + "&next=%2Fruns";
        try (Socket socket = RawHttp.open(server.port(), 10_000)) {
            socket.getOutputStream()
                    .write(("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n"
                                    + Integer.toHexString(form.length()) + "\r\n" + form + "\r\n0\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(303);
            assertThat(response.headers().get("location")).isEqualTo("/runs");
        }
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedBeforeAnyOfItIsRead() throws IOException {
        try (Socket socket = RawHttp.open(server.port(), 10_000)) {
            socket.getOutputStream()
                    .write(("POST /login HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 104857600\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(JUNK, 0, 1024);

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(json(response.body()).get("detail").asText()).contains("16384");
        }
    }

    @Test
    void anUnauthenticatedMutationIsRefusedBeforeItsBodyIsRead() throws IOException {
        try (Socket socket = RawHttp.open(server.port(), 5_000)) {
            // a chunked body that never ends: a server that reads it before the token never answers
            socket.getOutputStream()
                    .write(("POST /api/v1/experiments HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Authorization: Bearer wrong\r\nContent-Type: application/json\r\n"
                                    + "Transfer-Encoding: chunked\r\n\r\n400\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(JUNK, 0, 1024);

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(401);
            assertThat(json(response.body()).get("title").asText()).isEqualTo("Unauthorized");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {"/invocations", "/models/limits/invocations", "/api/v1/dags/hello/dagRuns", "/api/v1/experiments"
            })
    void jsonNestedTooDeeplyIsA400NamingTheProblemWithoutAStackTrace(String path) {
        ListAppender<ILoggingEvent> log = captureLog();
        try {
            HttpResponse<String> response = http.post(path, "[".repeat(1001) + "]".repeat(1001));

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(json(response).get("detail").asText())
                    .startsWith("request body: malformed JSON")
                    .contains("nesting depth");
            assertThat(log.list)
                    .noneMatch(event -> event.getThrowableProxy() != null
                            || event.getLevel().isGreaterOrEqual(Level.ERROR));
        } finally {
            stopCapturing(log);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"{\"inputs\": [[1, 2]", "{\"inputs\": [[1, 2]]}}", "\u00ff\u00fe", "nul"})
    void aMalformedBodyIsA400(String body) {
        for (String path : new String[] {"/invocations", "/api/v1/experiments"}) {
            HttpResponse<String> response = http.post(path, body);

            assertThat(response.statusCode()).as(path).isEqualTo(400);
            assertThat(json(response).get("detail").asText()).as(path).startsWith("request body: ");
        }
    }

    @Test
    void aPathTooLongIsA414InJson() {
        RawHttp.Response response =
                RawHttp.exchange(server.port(), "GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost");

        assertThat(response.status()).isEqualTo(414);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        assertThat(response.headers().get("x-content-type-options")).isEqualTo("nosniff");
        assertThat(json(response.body()).get("status").asInt()).isEqualTo(414);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/dags/a%00b", "/api/v1/dags/a%2Fb", "/runs/%2e%2e%2Fx"})
    void aPathJettyRefusesIsA400InJson(String path) {
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        assertThat(response.headers().get("x-content-type-options")).isEqualTo("nosniff");
        JsonNode problem = json(response.body());
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/v1/dags", "/api/v1/dags/nope", "/ping", "/health", "/nothing-here"})
    void jsonAnswersSendNosniff(String path) {
        HttpResponse<String> response = http.get(path);

        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aScoringAnswerSendsNosniff() {
        HttpResponse<String> response = http.post("/invocations", "{\"inputs\": [[1, 2]]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private static void sendChunks(OutputStream out, long total) throws IOException {
        byte[] head = (Integer.toHexString(JUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        for (long sent = 0; sent < total; sent += JUNK.length) {
            out.write(head);
            out.write(JUNK);
            out.write('\r');
            out.write('\n');
        }
        out.flush();
    }

    private static ListAppender<ILoggingEvent> captureLog() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(appender);
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }
}
