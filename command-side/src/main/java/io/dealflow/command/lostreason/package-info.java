/**
 * Lost reasons: the named reasons a location offers when a deal is marked lost.
 */
package io.dealflow.command.lostreason;
