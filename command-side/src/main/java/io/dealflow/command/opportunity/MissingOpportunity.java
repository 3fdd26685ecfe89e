package io.dealflow.command.opportunity;

import io.dealflow.command.errors.NotFound;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.stereotype.Component;

/**
 * Refuses an opportunity command for an id that is not an opportunity's exactly as one for another location's or a
 * deleted opportunity: {@code NotFound("opportunity", id)}. Otherwise Axon's own exceptions would answer with another
 * problem type (or a 500), and a client could tell the cases apart.
 */
@Component
class MissingOpportunity implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CommandTargetResolver targetResolver = AnnotationCommandTargetResolver.builder().build();

    MissingOpportunity(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // Incompatible: the id holds another aggregate's events (a pipeline id sent as an opportunity id); none of
            // them applies to an opportunity, which is then left without an identifier.
            Object command = unitOfWork.getMessage().getPayload();
            if (command.getClass().getPackage() == MissingOpportunity.class.getPackage()) {
                throw new NotFound("opportunity", opportunityId(unitOfWork.getMessage()));
            }
            throw e;
        }
    }

    private String opportunityId(CommandMessage<?> command) {
        return targetResolver.resolveTarget(command).getIdentifier();
    }
}
