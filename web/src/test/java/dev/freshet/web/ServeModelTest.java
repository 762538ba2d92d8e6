package dev.freshet.web;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.testing.FreshetEngineExtension;
import dev.freshet.engine.tracking.ModelVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@code freshet models serve -m URI}: one model, serving routes only. */
class ServeModelTest {
    private static final String BODY = "{\"inputs\": [[1, 2]]}";

    @RegisterExtension
    static final FreshetEngineExtension freshet =
            FreshetEngineExtension.builder().workflows(TestEngines.WORKFLOWS).build();

    static Engine engine;
    static Run run;
    static ModelVersion first;

    @BeforeAll
    static void start() {
        engine = freshet.engine();
        run = TestEngines.quickRun(engine);
        first = TestEngines.registerChampion(engine, "served", run, 1.0, 0.0);
    }

    @Test
    void servesARunsArtifactAndNothingElse() {
        try (FreshetServer server = FreshetServer.serveModel(engine, first.sourceUri(), 0)) {
            Http http = new Http(server.port(), "unused");
            assertThat(prediction(http)).isEqualTo(3.0);
            assertThat(http.get("/ping").statusCode()).isEqualTo(200);
            assertThat(http.get("/api/v1/dags").statusCode()).isEqualTo(404);
            assertThat(http.get("/").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void aVersionUriStaysFixedAndAnAliasUriFollowsTheAlias() {
        try (FreshetServer fixed = FreshetServer.serveModel(engine, "models:/served/" + first.version(), 0);
                FreshetServer following = FreshetServer.serveModel(engine, "models:/served@champion", 0)) {
            Http fixedHttp = new Http(fixed.port(), "unused");
            Http followingHttp = new Http(following.port(), "unused");
            assertThat(prediction(fixedHttp)).isEqualTo(3.0);
            assertThat(prediction(followingHttp)).isEqualTo(3.0);

            ModelVersion better = TestEngines.registerModel(engine, "served", run, 4.0, 0.0);
            engine.models().promote("served", "champion", better.version(), "test");

            await().atMost(Duration.ofSeconds(5)).until(() -> prediction(followingHttp) == 6.0);
            assertThat(prediction(fixedHttp)).isEqualTo(3.0);
        } finally {
            engine.models().promote("served", "champion", first.version(), "test: restore");
        }
    }

    @Test
    void aUriThatNamesNothingFailsAtStart() {
        assertThatThrownBy(() -> FreshetServer.serveModel(engine, "models:/ghost@champion", 0))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> FreshetServer.serveModel(engine, "s3://bucket/model", 0))
                .isInstanceOf(InvalidInputException.class);
    }

    private static double prediction(Http http) {
        HttpResponse<String> response = http.postRaw("/invocations", BODY, "Content-Type", "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response).get("predictions").get(0).asDouble();
    }
}
