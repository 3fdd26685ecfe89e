/**
 * Custom field definitions: the typed fields a location declares for its deals, and the check of their values.
 */
package io.dealflow.command.customfield;
