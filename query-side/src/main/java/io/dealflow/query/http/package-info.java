/** HTTP plumbing of the query side: problem details, query parameters, cursors and the consistency wait. */
package io.dealflow.query.http;
