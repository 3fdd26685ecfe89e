package io.dealflow.standalone.metrics;

import io.dealflow.command.errors.CommandRefused;
import io.dealflow.command.errors.NotFound;
import io.dealflow.command.errors.StaleVersion;
import io.dealflow.command.errors.StateConflict;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code dealflow_commands_seconds{command,outcome}}: every command this node handles, by type (its class's simple
 * name, {@code MoveStage}) and outcome, timed from the start of its handling to the end of its unit of work (the
 * append included), as a histogram. Outcomes: {@code ok}, {@code not_found}, {@code stale} (If-Match),
 * {@code conflict} (state conflicts and concurrent appends), {@code refused} (other broken rules), {@code error}.
 */
@Component
class CommandMetrics implements SmartInitializingSingleton {

    static final String NAME = "dealflow.commands";

    private final MeterRegistry registry;
    private final CommandBus commandBus;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    CommandMetrics(MeterRegistry registry, CommandBus commandBus) {
        this.registry = registry;
        this.commandBus = commandBus;
    }

    /**
     * Registered by hand, as an object that is not a bean: Axon's auto-configuration also puts every handler
     * interceptor bean on the command bus, which would count each command twice.
     */
    @Override
    public void afterSingletonsInstantiated() {
        MessageHandlerInterceptor<CommandMessage<?>> timing = this::time;
        commandBus.registerHandlerInterceptor(timing);
    }

    private Object time(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                        InterceptorChain interceptorChain) throws Exception {
        long started = System.nanoTime();
        String command = unitOfWork.getMessage().getPayloadType().getSimpleName();
        unitOfWork.onCleanup(finished -> {
            String outcome = !finished.isRolledBack() && !finished.getExecutionResult().isExceptionResult() ? "ok"
                    : outcome(finished.getExecutionResult().getExceptionResult());
            timer(command, outcome).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        });
        return interceptorChain.proceed();
    }

    private Timer timer(String command, String outcome) {
        return timers.computeIfAbsent(command + '/' + outcome, key -> Timer.builder(NAME)
                .description("Commands handled, by type and outcome")
                .tag("command", command)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry));
    }

    static String outcome(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotFound) {
                return "not_found";
            }
            if (cause instanceof StaleVersion) {
                return "stale";
            }
            if (cause instanceof StateConflict || cause instanceof ConcurrencyException) {
                return "conflict";
            }
            if (cause instanceof CommandRefused) {
                return "refused";
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return "error";
    }
}
