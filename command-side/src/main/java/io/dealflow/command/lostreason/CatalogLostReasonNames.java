package io.dealflow.command.lostreason;

import io.dealflow.command.lookup.LostReasonCatalog;
import org.springframework.stereotype.Component;

/**
 * Answers from the command-side lookup tables which lost reason names are taken.
 */
@Component
class CatalogLostReasonNames implements LostReasonNames {

    private final LostReasonCatalog catalog;

    CatalogLostReasonNames(LostReasonCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public boolean taken(String locationId, String name, String exceptLostReasonId) {
        return catalog.lostReasonNameTaken(locationId, name, exceptLostReasonId);
    }
}
