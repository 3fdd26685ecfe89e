/**
 * The module's HTTP plumbing: its refusals and their problem details.
 */
package io.dealflow.bulk.http;
