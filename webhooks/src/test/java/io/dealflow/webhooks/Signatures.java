package io.dealflow.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A receiver's check of Standard Webhooks signatures, written from the specification independently of the module's
 * signing code.
 */
public final class Signatures {

    private Signatures() {
    }

    /** Whether one of the space-separated {@code v1,} signatures is the HMAC of the request under the secret. */
    public static boolean verify(String secret, String webhookId, String timestamp, String body, String header) {
        if (secret == null || header == null || !secret.startsWith("whsec_")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())),
                    "HmacSHA256"));
            byte[] expected = mac.doFinal((webhookId + "." + timestamp + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            for (String signature : header.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
