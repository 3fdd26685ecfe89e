package io.dealflow.command.axon;

import io.dealflow.events.EventMetadata;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.Map;

/**
 * Carries the request's correlation id unchanged into every message it causes, and names the direct cause.
 * Axon's own {@code MessageOriginProvider} would overwrite {@code correlationId} with the causing message's id, losing
 * the client's correlation id, so this replaces it.
 */
class RequestCorrelation implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Object correlationId = message.getMetaData().getOrDefault(EventMetadata.CORRELATION_ID, message.getIdentifier());
        return Map.of(EventMetadata.CORRELATION_ID, correlationId,
                EventMetadata.CAUSATION_ID, message.getIdentifier());
    }
}
