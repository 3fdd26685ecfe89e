package io.dealflow.command.errors;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;

/**
 * Answers a command of one feature (the commands of the subclass's own package) whose aggregate was never created with
 * that feature's {@link NotFound}, exactly as one of another location or a deleted one, so that a client cannot tell
 * the cases apart; without it Axon's own exceptions would answer the generic {@code not-found}, or a 500 when the id
 * holds another kind of aggregate's events.
 */
public abstract class MissingTarget implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final String what;

    /** Registers with the command bus; {@code what} names the aggregate in the refusal, e.g. {@code lost-reason}. */
    protected MissingTarget(CommandBus commandBus, String what) {
        this.what = what;
        commandBus.registerHandlerInterceptor(this);
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            CommandMessage<?> command = unitOfWork.getMessage();
            if (command.getPayloadType().getPackage() != getClass().getPackage()) {
                throw e;
            }
            String target = targets.resolveTarget(command).getIdentifier();
            // Incompatible: the id holds another aggregate's events, none of which applies to this one.
            if (e instanceof AggregateNotFoundException missing && !target.equals(missing.getAggregateIdentifier())) {
                throw e;
            }
            throw new NotFound(what, shown(target));
        }
    }

    /** The id as the refusal shows it; the aggregate's identifier unless the feature names it otherwise. */
    protected String shown(String aggregateId) {
        return aggregateId;
    }
}
