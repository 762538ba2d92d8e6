package dev.freshet.web.metrics;

import dev.freshet.engine.Engine;
import dev.freshet.engine.events.DeliveryStatus;
import dev.freshet.engine.events.Events;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code freshet_events{status}}: the events in the outbox by delivery status, counted in the database at scrape
 * time — {@code status="dead"} is the number of dead letters, whichever node gave up on them.
 */
public final class EventMetrics {
    private EventMetrics() {}

    public static void register(Engine engine, MeterRegistry registry) {
        Events events = engine.events();
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Gauge.builder("freshet.events", () -> events.countByStatus().get(status))
                    .description("events in the outbox, by delivery status")
                    .tag("status", status.wireName())
                    .register(registry);
        }
    }
}
