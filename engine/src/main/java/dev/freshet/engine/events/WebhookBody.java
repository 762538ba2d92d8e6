package dev.freshet.engine.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.FreshetException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The body a webhook receives for an event, in the configured format. */
public final class WebhookBody {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebhookBody() {}

    public static byte[] of(Event event, WebhookFormat format) {
        Map<String, Object> body = format == WebhookFormat.SLACK ? Map.of("text", text(event)) : document(event);
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new FreshetException("cannot write event " + event.id() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code {"id", "kind", "time", "subject": {…}, "payload": {…}}}: what the JSON format sends and REST lists. */
    public static Map<String, Object> document(Event event) {
        Map<String, Object> subject = new LinkedHashMap<>();
        putIfSet(subject, "workflow_id", event.subject().workflowId());
        putIfSet(subject, "run_id", event.subject().runId());
        putIfSet(subject, "model", event.subject().model());
        putIfSet(subject, "version", event.subject().version());
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", event.id());
        document.put("kind", event.kind().wireName());
        document.put("time", event.time().toString());
        document.put("subject", subject);
        document.put("payload", event.payload());
        return document;
    }

    /** One line for people: what happened, to what, and the payload's facts. */
    static String text(Event event) {
        StringBuilder text = new StringBuilder("Freshet: ").append(event.kind().title());
        EventSubject subject = event.subject();
        if (subject.model() != null) {
            text.append(" — model ").append(subject.model());
            if (subject.version() != null) {
                text.append(" version ").append(subject.version());
            }
        }
        if (subject.workflowId() != null) {
            text.append(" — workflow ").append(subject.workflowId());
        }
        if (subject.runId() != null) {
            text.append(", run ").append(subject.runId());
        }
        if (!event.payload().isEmpty()) {
            text.append(" (")
                    .append(event.payload().entrySet().stream()
                            .map(e -> e.getKey() + ": " + e.getValue())
                            .collect(Collectors.joining("; ")))
                    .append(')');
        }
        return text.toString();
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
