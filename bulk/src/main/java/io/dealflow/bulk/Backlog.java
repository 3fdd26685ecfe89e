package io.dealflow.bulk;

/**
 * A kind of background job the worker works through: bulk operations, imports.
 */
public interface Backlog {

    /**
     * Does one batch of the oldest job this instance may work on (renewing its lease); false when there was nothing to
     * do. Called from the worker's one thread only.
     */
    boolean workOnce();
}
