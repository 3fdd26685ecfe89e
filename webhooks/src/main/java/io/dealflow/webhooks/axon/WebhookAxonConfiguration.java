package io.dealflow.webhooks.axon;

import io.dealflow.eventstore.PromptEventSource;
import io.dealflow.webhooks.WebhookProperties;
import io.dealflow.webhooks.WebhookSchema;
import io.dealflow.webhooks.outbox.OutboxProjection;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The outbox processor: pooled streaming from the event store, with tokens in {@code webhooks.token_entry}, a store
 * of its own rather than an application-wide {@link TokenStore} bean, so the module runs beside the query side (which
 * owns that bean) or alone. The token store writes through the connection provider that joins the Spring transaction,
 * so a batch's rows and its token commit together.
 */
@Configuration(proxyBeanMethods = false)
class WebhookAxonConfiguration {

    /** The schema bean is a parameter so the tables exist before the processor starts. */
    @Autowired
    void configureOutbox(EventProcessingConfigurer processing, ConnectionProvider connectionProvider,
                         Serializer serializer, WebhookProperties properties, WebhookSchema schema,
                         PromptEventSource events) {
        TokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema())
                .nodeId(properties.nodeId())
                .claimTimeout(properties.processor().claimTimeout())
                .contentType(byte[].class)
                .build();
        String group = OutboxProjection.GROUP;
        processing.registerTokenStore(group, configuration -> tokens)
                .registerPooledStreamingEventProcessor(group,
                        configuration -> events.pacedBy(group, properties.processor().readQuiet()),
                        (configuration, builder) -> {
                            builder.batchSize(properties.processor().batchSize())
                                    .initialSegmentCount(properties.processor().segments())
                                    .tokenClaimInterval(properties.processor().tokenClaimInterval().toMillis());
                            if (!properties.workersEnabled()) {
                                // Another node has the webhooks role: registered, never claiming a segment.
                                builder.maxClaimedSegments(0);
                            }
                            return builder;
                        })
                // A failing batch rolls back with its token and is retried, never skipped: skipping loses events.
                .registerListenerInvocationErrorHandler(group, configuration -> PropagatingErrorHandler.instance());
    }

    private static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable(WebhookSchema.SCHEMA + ".token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }
}
