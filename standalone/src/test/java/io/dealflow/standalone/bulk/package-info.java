/**
 * Bulk operations, undo, CSV import and export, end to end over HTTP.
 */
package io.dealflow.standalone.bulk;
