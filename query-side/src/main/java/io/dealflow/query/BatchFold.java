package io.dealflow.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory fold of the processor batch being handled: a projection collects a batch's changes in it and writes
 * them once, just before the batch's unit of work commits its rows together with the processor's token. While a
 * batch runs {@linkplain #isolated isolated}, each event gets a fold of its own, written right after the event.
 */
public final class BatchFold {

    private static final String ISOLATED = BatchFold.class.getName() + ".isolated";

    private BatchFold() {
    }

    /**
     * The fold of the current batch under {@code key}, created by {@code create} for the batch's first event; {@code
     * write} is then called once in the root unit of work's prepare-commit phase.
     */
    public static <T> T current(String key, Supplier<T> create, Consumer<T> write) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        Map<String, EventFold<?>> eventFolds = unitOfWork.getResource(ISOLATED);
        if (eventFolds != null) {
            return fold(eventFolds, key, create, write);
        }
        return unitOfWork.getOrComputeResource(key, ignored -> {
            T fold = create.get();
            unitOfWork.onPrepareCommit(u -> write.accept(fold));
            return fold;
        });
    }

    /**
     * Runs one event's handler with folds of its own and writes them before returning, so a failure to write is the
     * handler's failure, blamed on that event.
     */
    public static <R> R isolated(UnitOfWork<?> batch, Callable<R> handler) throws Exception {
        Map<String, EventFold<?>> eventFolds = new LinkedHashMap<>();
        batch.resources().put(ISOLATED, eventFolds);
        try {
            R result = handler.call();
            eventFolds.values().forEach(EventFold::write);
            return result;
        } finally {
            batch.resources().remove(ISOLATED);
        }
    }

    /** The event's fold under {@code key}; its write is kept beside it, run when the event's handler returns. */
    @SuppressWarnings("unchecked")
    private static <T> T fold(Map<String, EventFold<?>> eventFolds, String key, Supplier<T> create,
                              Consumer<T> write) {
        return ((EventFold<T>) eventFolds.computeIfAbsent(key, ignored -> new EventFold<>(create.get(), write))).fold();
    }

    private record EventFold<T>(T fold, Consumer<T> writer) {
        void write() {
            writer.accept(fold);
        }
    }
}
