/**
 * The ways a command can be refused, each with a stable code that the HTTP layer turns into a problem type.
 */
package io.dealflow.command.errors;
