/**
 * Events of custom field definitions: the typed fields a location declares for its opportunities.
 */
package io.dealflow.events.customfield;
