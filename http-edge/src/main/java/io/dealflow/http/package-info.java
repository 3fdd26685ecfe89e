/**
 * The one HTTP error edge of every door: RFC 9457 problem details with dealflow's type base, the answers to Spring's
 * input errors, the error page and Tomcat's error valve as problems, and the location-id rule.
 */
package io.dealflow.http;
