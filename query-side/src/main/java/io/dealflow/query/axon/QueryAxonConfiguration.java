package io.dealflow.query.axon;

import io.dealflow.events.store.PromptEventSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon settings of the query side: the token store in {@code read_model} and one pooled streaming processor per
 * projection. Configured in code so the standalone server gets the same processors as the query side alone.
 */
@Configuration
@EnableConfigurationProperties(ProjectionSettings.class)
public class QueryAxonConfiguration {

    /**
     * Tokens live beside the rows they describe, written through the same connection provider as the projections'
     * JDBC statements, so a batch's rows and its token commit in one transaction.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, QuerySchema schema,
                                 ProjectionSettings settings) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema())
                .nodeId(settings.nodeId())
                .contentType(byte[].class)
                .build();
    }

    /** Column names of {@code read_model.token_entry}. */
    static TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable(QuerySchema.SCHEMA + ".token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Pipelines and lost reasons change rarely: one segment each. Board and opportunities take the configured segments
     * and batch size. Listener errors propagate, so a failing batch rolls back with its token and is retried instead
     * of being skipped.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ProjectionSettings settings,
                             PromptEventSource events) {
        for (String name : ReadModels.ALL) {
            int segments = ReadModels.BOARD.equals(name) || ReadModels.OPPORTUNITIES.equals(name)
                    ? settings.segments() : 1;
            processing.registerPooledStreamingEventProcessor(name, configuration -> events,
                            (configuration, builder) -> builder
                                    .batchSize(settings.batchSize())
                                    .initialSegmentCount(segments)
                                    .claimExtensionThreshold(settings.claimExtension().toMillis()))
                    .registerListenerInvocationErrorHandler(name, configuration -> PropagatingErrorHandler.instance());
        }
    }
}
