package io.dealflow.command.customfield;

import io.dealflow.command.errors.MissingTarget;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.stereotype.Component;

/**
 * A change or archive of a key never defined in the location answers {@code custom-field-not-found} naming the key,
 * as a field of another location does.
 */
@Component
class MissingCustomField extends MissingTarget {

    MissingCustomField(CommandBus commandBus) {
        super(commandBus, "custom-field");
    }

    @Override
    protected String shown(String customFieldId) {
        return CustomField.keyOf(customFieldId);
    }
}
