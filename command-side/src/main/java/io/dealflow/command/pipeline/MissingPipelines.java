package io.dealflow.command.pipeline;

import io.dealflow.command.errors.NotFound;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * Answers a command to a pipeline that was never created with the same {@link NotFound} as a pipeline of another
 * location or a deleted one, so the three cannot be told apart.
 */
@Component
class MissingPipelines implements MessageHandlerInterceptor<CommandMessage<?>> {

    MissingPipelines(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException e) {
            if (unitOfWork.getMessage().getPayload() instanceof PipelineCommand command
                    && command.pipelineId().equals(e.getAggregateIdentifier())) {
                throw new NotFound("pipeline", command.pipelineId());
            }
            throw e;
        }
    }
}
