package io.dealflow.command.customfield;

import io.dealflow.command.errors.NotFound;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Answers a change or archive of a key that was never defined in the location with the same
 * {@code custom-field-not-found} as a field of another location, instead of the generic {@code not-found} Axon's
 * missing aggregate would give.
 */
@Component
class MissingCustomField implements MessageHandlerInterceptor<CommandMessage<?>> {

    MissingCustomField(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException e) {
            String customFieldId = targetOf(unitOfWork.getMessage().getPayload());
            if (customFieldId != null && customFieldId.equals(e.getAggregateIdentifier())) {
                throw new NotFound("custom-field", CustomField.keyOf(customFieldId));
            }
            throw e;
        }
    }

    /** The field a custom field command is for; null for any other command. */
    private static String targetOf(Object command) {
        if (command instanceof ChangeCustomField change) {
            return change.customFieldId();
        }
        if (command instanceof ArchiveCustomField archive) {
            return archive.customFieldId();
        }
        return null;
    }
}
