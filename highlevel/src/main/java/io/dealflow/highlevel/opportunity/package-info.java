/**
 * HighLevel's opportunity endpoints: create, read, update, status, delete, upsert and followers, translated into
 * dealflow's opportunity commands and read from the query side's opportunity read model.
 */
package io.dealflow.highlevel.opportunity;
