/**
 * The standalone server: both sides in one JVM on an embedded PostgreSQL kept under the data directory.
 */
package io.dealflow.standalone;
