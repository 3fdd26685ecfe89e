/**
 * The HighLevel-compatible API (public API v2, opportunities): the same commands and read models as dealflow's own
 * API behind HighLevel's paths, field names and error shapes.
 */
package io.dealflow.highlevel;
