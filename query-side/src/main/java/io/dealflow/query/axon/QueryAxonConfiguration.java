package io.dealflow.query.axon;

import io.dealflow.eventstore.PromptEventSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;

/**
 * Axon settings of the query side: the token store in {@code read_model} and one pooled streaming processor per
 * projection. Configured in code so the standalone server gets the same processors as the query side alone.
 */
@Configuration
@EnableConfigurationProperties(ProjectionSettings.class)
class QueryAxonConfiguration {

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
                .claimTimeout(settings.claimTimeout())
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
     * and batch size. Each processor has a dead-letter queue: an event it cannot apply is parked there with the later
     * events of its deal ({@link PoisonIsolation}, {@link PoisonPolicy}), and the rest of the stream flows on. Other
     * errors propagate, so a failing batch rolls back with its token and is retried instead of being skipped.
     */
    @Autowired
    void configureProcessors(EventProcessingConfigurer processing, ProjectionSettings settings,
                             PromptEventSource events, ConnectionProvider connections) {
        for (String name : ReadModels.ALL) {
            int segments = ReadModels.BOARD.equals(name) || ReadModels.OPPORTUNITIES.equals(name)
                    ? settings.segments() : 1;
            StreamableMessageSource<TrackedEventMessage<?>> source = events.pacedBy(name, settings.readQuiet(name));
            processing.registerPooledStreamingEventProcessor(name, configuration -> source,
                            (configuration, builder) -> {
                                builder.batchSize(settings.batchSize())
                                        .initialSegmentCount(segments)
                                        .claimExtensionThreshold(settings.claimExtension().toMillis())
                                        .tokenClaimInterval(settings.tokenClaimInterval().toMillis());
                                if (!settings.processorsEnabled()) {
                                    // Registered for what it knows (handled types, dead letters), never processing.
                                    builder.maxClaimedSegments(0);
                                }
                                return builder;
                            })
                    .registerListenerInvocationErrorHandler(name, configuration -> PropagatingErrorHandler.instance())
                    .registerDeadLetterQueue(name, configuration -> JdbcSequencedDeadLetterQueue.builder()
                            .processingGroup(name)
                            .connectionProvider(connections)
                            .transactionManager(configuration.getComponent(TransactionManager.class))
                            .schema(deadLetterSchema())
                            .genericSerializer(configuration.serializer())
                            .eventSerializer(configuration.eventSerializer())
                            .build())
                    .registerDeadLetterPolicy(name, configuration -> new PoisonPolicy())
                    .registerDeadLetteringEventHandlerInvokerConfiguration(name, (configuration, invoker) -> invoker
                            .enableSequenceIdentifierCache()
                            .allowReset(true));
        }
    }

    /** Shares the segments with the other nodes whose processors claim them; see {@link SegmentBalancer}. */
    @Bean
    @ConditionalOnProperty(name = "dealflow.projections.processors-enabled", havingValue = "true",
            matchIfMissing = true)
    SegmentBalancer segmentBalancer(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                                    ProjectionSettings settings) {
        return new SegmentBalancer(jdbc, processing, settings.nodeId());
    }

    /** Parks events a projection cannot apply; see {@link PoisonIsolation}. */
    @Bean
    PoisonIsolation poisonIsolation(DataSource dataSource) {
        return new PoisonIsolation(dataSource);
    }

    /** Column names of {@code read_model.dead_letter_entry}. */
    static DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable(QuerySchema.SCHEMA + ".dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
