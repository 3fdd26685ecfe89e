/**
 * HighLevel's lost reason list, read from the query side's lost reason read model.
 */
package io.dealflow.highlevel.lostreason;
