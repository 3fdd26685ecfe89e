/** End-to-end tests of history, as-of answers, the audit feed and export, and projection rebuilds. */
package io.dealflow.standalone.audit;
