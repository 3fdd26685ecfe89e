/**
 * Who may call what: authentication by bearer API key, and the rule table of scopes and locations per endpoint.
 */
package io.dealflow.security.access;
