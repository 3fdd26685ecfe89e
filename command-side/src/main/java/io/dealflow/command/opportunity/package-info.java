/**
 * The opportunity (deal) write model: its aggregate, the commands a user issues on a deal, and their HTTP endpoints.
 */
package io.dealflow.command.opportunity;
