package dev.freshet.engine.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Delivers the outbox's events to one webhook, off the transactions that wrote them: claims due events with a lease,
 * posts each (with its {@code Idempotency-Key} and, given a secret, its signature), and records the delivery, or the
 * failure and the next attempt after the backoff, or — at the last attempt — a dead letter. Delivery is at least
 * once: a process that dies after the receiver answered but before it recorded the answer delivers again, with the
 * same idempotency key.
 */
public final class WebhookDelivery implements AutoCloseable {
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    public static final String EVENT_HEADER = "Freshet-Event";

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final int BATCH = 20;
    private static final int MAX_ERROR_LENGTH = 500;

    private final EventStore store;
    private final WebhookSettings settings;
    private final Clock clock;
    private final String owner;
    private final HttpClient http;
    private final Object wakeUp = new Object();
    private volatile boolean running = true;
    private Thread thread;

    public WebhookDelivery(EventStore store, WebhookSettings settings, Clock clock, String node) {
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.owner = node + "/" + UUID.randomUUID();
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Starts the loop on a daemon thread of its own. */
    public WebhookDelivery start() {
        thread = new Thread(this::loop, "freshet-webhooks");
        thread.setDaemon(true);
        thread.start();
        LOG.info("delivering events to {}", settings);
        return this;
    }

    /** Looks for due events now instead of at the next poll. */
    public void wakeUp() {
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            int handled = 0;
            try {
                handled = deliverDue();
            } catch (RuntimeException e) {
                LOG.warn("event delivery failed: {}", e.toString());
            }
            if (handled == 0 && running) {
                synchronized (wakeUp) {
                    try {
                        wakeUp.wait(settings.pollInterval().toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    /** Claims the due events and attempts each once; returns how many it attempted. */
    public int deliverDue() {
        Instant now = clock.instant();
        Instant leaseEnd = now.plus(settings.lease());
        List<StoredEvent> claimed = store.claimDue(owner, now, leaseEnd, batchWithinLease());
        for (StoredEvent stored : claimed) {
            // Past the lease another loop may claim and post the event too: the receiver would see it twice.
            if (!running || clock.instant().plus(settings.timeout()).isAfter(leaseEnd)) {
                break; // the lease runs out and another loop (or the next start) delivers it
            }
            attempt(stored);
        }
        return claimed.size();
    }

    /** As many events as can each take the whole request timeout and still end within the lease. */
    int batchWithinLease() {
        long fit = (settings.lease().toMillis() - 1) / settings.timeout().toMillis();
        return (int) Math.max(1, Math.min(BATCH, fit));
    }

    private void attempt(StoredEvent stored) {
        Event event = stored.event();
        int attempts = stored.attempts() + 1;
        String failure = post(event);
        if (failure == null) {
            store.delivered(event.id(), owner, attempts, clock.instant());
            return;
        }
        if (attempts >= settings.maxAttempts()) {
            LOG.warn(
                    "event {} ({}) not delivered after {} attempts, given up: {}",
                    event.id(),
                    event.kind().wireName(),
                    attempts,
                    failure);
            store.giveUp(event.id(), owner, attempts, failure);
            return;
        }
        Instant next = clock.instant().plus(settings.backoff().delayAfter(attempts));
        LOG.info("event {} attempt {} failed, next at {}: {}", event.id(), attempts, next, failure);
        store.retryLater(event.id(), owner, attempts, next, failure);
    }

    /** Posts the event; null when the receiver took it (2xx), else why not. */
    private String post(Event event) {
        byte[] body = WebhookBody.of(event, settings.format());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.url())
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header(IDEMPOTENCY_HEADER, event.id())
                .header(EVENT_HEADER, event.kind().wireName())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (settings.secret() != null) {
            long timestamp = clock.instant().getEpochSecond();
            request.header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(
                            WebhookSignature.SIGNATURE_HEADER,
                            WebhookSignature.sign(settings.secret(), timestamp, body));
        }
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "the webhook answered HTTP " + status;
        } catch (IOException e) {
            return truncate("cannot reach the webhook: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private static String truncate(String text) {
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text;
    }

    /** Stops the loop; an attempt under way finishes first (at most the request timeout). */
    @Override
    public void close() {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(settings.timeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
