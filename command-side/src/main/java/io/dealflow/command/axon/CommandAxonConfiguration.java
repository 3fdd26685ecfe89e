package io.dealflow.command.axon;

import io.dealflow.events.EventMetadata;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon settings of the command side.
 */
@Configuration
public class CommandAxonConfiguration {

    /** Processing group of the command-side lookup; it runs in the appending transaction. */
    public static final String LOOKUP_GROUP = "command-lookup";

    /** Opportunities can collect long histories (notes, tasks, moves): snapshot every 100 events. */
    @Bean
    public SnapshotTriggerDefinition opportunitySnapshotTrigger(Snapshotter snapshotter) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, 100);
    }

    /** Correlation and causation ids; replaces Axon's default provider (see {@link RequestCorrelation}). */
    @Bean
    public CorrelationDataProvider requestCorrelation() {
        return new RequestCorrelation();
    }

    /** Carries who acted, through which door, and which bulk operation or import, into the events (also of nested commands). */
    @Bean
    public CorrelationDataProvider requestMetadataProvider() {
        return new SimpleCorrelationDataProvider(EventMetadata.ACTOR, EventMetadata.ACTOR_NAME,
                EventMetadata.ACTING_USER, EventMetadata.REQUEST_ID, EventMetadata.DOOR,
                EventMetadata.BULK_OPERATION_ID, EventMetadata.IMPORT_ID);
    }

    /**
     * The lookup is updated by a subscribing processor, inside the transaction that appends the events, and any error
     * there fails the command instead of being logged and lost.
     */
    @Autowired
    void configureLookup(EventProcessingConfigurer processing) {
        processing.registerSubscribingEventProcessor(LOOKUP_GROUP)
                .registerListenerInvocationErrorHandler(LOOKUP_GROUP, configuration -> PropagatingErrorHandler.instance());
    }
}
