package io.dealflow.query;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The in-memory fold of the processor batch being handled: a projection collects a batch's changes in it and writes
 * them once, just before the batch's unit of work commits its rows together with the processor's token.
 */
public final class BatchFold {

    private BatchFold() {
    }

    /**
     * The fold of the current batch under {@code key}, created by {@code create} for the batch's first event; {@code
     * write} is then called once in the root unit of work's prepare-commit phase.
     */
    public static <T> T current(String key, Supplier<T> create, Consumer<T> write) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(key, ignored -> {
            T fold = create.get();
            unitOfWork.onPrepareCommit(u -> write.accept(fold));
            return fold;
        });
    }
}
