/** The lost reasons a location offers when a deal is marked lost. */
package io.dealflow.query.lostreason;
