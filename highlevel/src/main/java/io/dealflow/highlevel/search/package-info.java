/**
 * HighLevel's opportunity search, by query parameters ({@code GET}) and by nested filter groups ({@code POST}), on
 * the query side's indexed opportunity read model.
 */
package io.dealflow.highlevel.search;
