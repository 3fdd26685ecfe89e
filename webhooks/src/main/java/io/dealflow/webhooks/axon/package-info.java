/**
 * Axon plumbing of the webhooks module: its event processor and token store.
 */
package io.dealflow.webhooks.axon;
