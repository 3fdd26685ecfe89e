/**
 * HighLevel's pipeline endpoints: list, read, create, replace (stages kept, updated, added and removed) and delete,
 * translated into dealflow's pipeline commands and read from the query side's pipeline read model.
 */
package io.dealflow.highlevel.pipeline;
