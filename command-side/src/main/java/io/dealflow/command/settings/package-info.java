/**
 * Settings of a location that command rules read, such as whether a contact may have duplicate open opportunities.
 */
package io.dealflow.command.settings;
