/**
 * Plumbing of the HighLevel door: marking its requests, HighLevel's error shape, location checks, timestamps.
 */
package io.dealflow.highlevel.http;
