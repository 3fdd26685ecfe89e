/**
 * Axon plumbing of the command side: snapshots, metadata propagation, the lookup's processor.
 */
package io.dealflow.command.axon;
