/**
 * A bare application with probe endpoints shaped like dealflow's, for the security module's own tests.
 */
package io.dealflow.security.testapp;
