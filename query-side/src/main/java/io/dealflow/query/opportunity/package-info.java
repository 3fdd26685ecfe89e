/** Opportunity detail and search: every filter, keyset pages, case-insensitive text search. */
package io.dealflow.query.opportunity;
