package io.dealflow.command.lostreason;

/**
 * Which lost reason names a location already uses. Narrowed from
 * {@link io.dealflow.command.lookup.LostReasonCatalog} so fixture tests can answer it from memory.
 */
@FunctionalInterface
interface LostReasonNames {

    /** Whether the location already has a lost reason of this name, ignoring case. */
    boolean taken(String locationId, String name);
}
