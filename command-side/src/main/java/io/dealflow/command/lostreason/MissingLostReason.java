package io.dealflow.command.lostreason;

import io.dealflow.command.errors.NotFound;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Answers a rename or archive of a lost reason that was never created with the same {@code lost-reason-not-found} as
 * one of another location, instead of the generic {@code not-found} Axon's missing aggregate would give.
 */
@Component
class MissingLostReason implements MessageHandlerInterceptor<CommandMessage<?>> {

    MissingLostReason(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException e) {
            Object command = unitOfWork.getMessage().getPayload();
            String lostReasonId = command instanceof RenameLostReason rename ? rename.lostReasonId()
                    : command instanceof ArchiveLostReason archive ? archive.lostReasonId() : null;
            if (e.getAggregateIdentifier().equals(lostReasonId)) {
                throw new NotFound("lost-reason", lostReasonId);
            }
            throw e;
        }
    }
}
