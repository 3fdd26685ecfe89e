package io.dealflow.command.opportunity;

import io.dealflow.command.errors.NotFound;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Refuses an opportunity command for an id with no events exactly as one for another location's or a deleted
 * opportunity: {@code NotFound("opportunity", id)}. Otherwise Axon's own exception would answer with another problem
 * type, and a client could tell the cases apart.
 */
@Component
class MissingOpportunity implements MessageHandlerInterceptor<CommandMessage<?>> {

    MissingOpportunity(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException e) {
            if (unitOfWork.getMessage().getPayloadType().getPackage() == MissingOpportunity.class.getPackage()) {
                throw new NotFound("opportunity", String.valueOf(e.getAggregateIdentifier()));
            }
            throw e;
        }
    }
}
