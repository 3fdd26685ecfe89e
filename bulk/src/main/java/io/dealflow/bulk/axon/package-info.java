/**
 * Sending one item's commands (a deal of a bulk operation, a row of an import) atomically with the item's outcome.
 */
package io.dealflow.bulk.axon;
