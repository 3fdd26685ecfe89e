/**
 * Custom fields on the read side: the definitions a location lists, and the typed values search filters by.
 */
package io.dealflow.query.customfield;
