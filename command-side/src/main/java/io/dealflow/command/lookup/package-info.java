/**
 * The command side's lookup of cross-aggregate facts, kept in step with the events in the appending transaction.
 */
package io.dealflow.command.lookup;
