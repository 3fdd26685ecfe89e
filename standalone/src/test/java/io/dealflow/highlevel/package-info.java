/**
 * End-to-end tests of the HighLevel-compatible API: both sides and the door in one server, over real HTTP.
 */
package io.dealflow.highlevel;
