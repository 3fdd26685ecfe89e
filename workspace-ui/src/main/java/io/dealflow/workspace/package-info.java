/**
 * The pipeline workspace in the browser: static files under {@code META-INF/resources} (the page at {@code /}, the
 * script and style under {@code /ui/}) that talk only to the public HTTP API, and the headers those pages carry.
 */
package io.dealflow.workspace;
