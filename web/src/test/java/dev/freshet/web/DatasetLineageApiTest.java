package dev.freshet.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.freshet.web.Http.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A dataset event's lineage on both runs: in REST (Airflow's dataset event shapes) and on the run pages. */
class DatasetLineageApiTest {
    @RegisterExtension
    static final FreshetServerExtension freshet = FreshetServerExtension.builder()
            .withoutTestWorkflows()
            .workflow("producer.yaml", """
                    id: producer
                    tasks:
                      - {id: publish, type: noop, produces: [dataset: batches]}
                    """)
            .workflow("consumer.yaml", """
                    id: consumer
                    trigger: {datasets: [batches]}
                    tasks:
                      - {id: train, type: noop}
                    """)
            .build();

    @Test
    void bothRunsShowTheEventThatLinksThem() {
        Http http = freshet.http();
        http.post("/api/v1/dags/producer/dagRuns", "{\"dag_run_id\": \"p1\"}");
        JsonNode consumerRuns = await().atMost(Duration.ofSeconds(30))
                .until(() -> json(http.get("/api/v1/dags/consumer/dagRuns")).get("dag_runs"), runs -> runs.size() == 1);
        String consumerRun = consumerRuns.get(0).get("dag_run_id").asText();
        assertThat(consumerRuns.get(0).get("run_type").asText()).isEqualTo("dataset_triggered");
        assertThat(consumerRuns.get(0).at("/conf/datasets/0/run_id").asText()).isEqualTo("p1");

        JsonNode upstream = json(http.get("/api/v1/dags/consumer/dagRuns/" + consumerRun + "/upstreamDatasetEvents"));
        assertThat(upstream.get("total_entries").asInt()).isEqualTo(1);
        JsonNode event = upstream.at("/dataset_events/0");
        assertThat(event.get("dataset_uri").asText()).isEqualTo("batches");
        assertThat(event.get("source_dag_id").asText()).isEqualTo("producer");
        assertThat(event.get("source_run_id").asText()).isEqualTo("p1");
        assertThat(event.get("source_task_id").asText()).isEqualTo("publish");
        assertThat(event.at("/created_dagruns/0/dag_run_id").asText()).isEqualTo(consumerRun);

        JsonNode produced = json(http.get("/api/v1/datasets/events?source_run_id=p1"));
        assertThat(produced.at("/dataset_events/0/created_dagruns/0/dag_id").asText())
                .isEqualTo("consumer");
        assertThat(produced.at("/dataset_events/0/created_dagruns/0/dag_run_id").asText())
                .isEqualTo(consumerRun);

        assertThat(http.get("/runs/" + consumerRun).body()).contains("Started by dataset", "href=\"/runs/p1\"");
        assertThat(http.get("/runs/p1").body()).contains("Runs it started", "href=\"/runs/" + consumerRun + "\"");
    }

    @Test
    void listingEventsNeedsTheirRun() {
        HttpResponse<String> missing = freshet.http().get("/api/v1/datasets/events");
        HttpResponse<String> unknown = freshet.http().get("/api/v1/datasets/events?source_run_id=nope");

        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(json(missing).get("detail").asText()).contains("source_run_id");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }
}
