/**
 * Bulk operations: one action over many deals, run by a background worker item by item through the ordinary commands,
 * with progress, cancel and undo, durable across restarts.
 */
package io.dealflow.bulk.operation;
