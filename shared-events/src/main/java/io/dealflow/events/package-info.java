/**
 * The events of dealflow and the value types they carry: the only contract the command side and the query side share.
 */
package io.dealflow.events;
