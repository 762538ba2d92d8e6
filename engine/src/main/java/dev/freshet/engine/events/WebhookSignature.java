package dev.freshet.engine.events;

import dev.freshet.engine.error.FreshetException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The signature of a webhook delivery, Stripe's scheme: HMAC-SHA256 with the shared secret over
 * {@code TIMESTAMP.BODY} (the {@code Freshet-Timestamp} header, a dot, the raw body), sent as
 * {@code Freshet-Signature: v1=HEX}. Signing the timestamp lets a receiver refuse replays of old deliveries.
 */
public final class WebhookSignature {
    public static final String SIGNATURE_HEADER = "Freshet-Signature";
    public static final String TIMESTAMP_HEADER = "Freshet-Timestamp";

    private WebhookSignature() {}

    /** The header value for a body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new FreshetException("cannot sign a webhook body: " + e.getMessage(), e);
        }
    }
}
