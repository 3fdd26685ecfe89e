package io.dealflow.command.lostreason;

/**
 * Which lost reason names a location already uses. Narrowed from
 * {@link io.dealflow.command.lookup.LostReasonCatalog} so fixture tests can answer it from memory.
 */
@FunctionalInterface
interface LostReasonNames {

    /**
     * Whether another live lost reason of the location has this name, ignoring case.
     *
     * @param exceptLostReasonId the reason being renamed, which may keep its own name; null when creating
     */
    boolean taken(String locationId, String name, String exceptLostReasonId);
}
