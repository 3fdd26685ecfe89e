/**
 * Bulk actions on many deals with undo, and CSV import and export: a door over both sides that sends the ordinary
 * commands, one deal at a time, and reads matches through the query side's public readers.
 */
package io.dealflow.bulk;
