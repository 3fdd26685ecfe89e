package io.dealflow.command.opportunity;

import io.dealflow.events.Contact;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * The contact of an opportunity as a request gives it; every field is optional.
 */
record ContactRequest(@Size(max = 255) String id, @Size(max = 255) String name, @Email @Size(max = 255) String email,
                      @Size(max = 255) String phone, @Size(max = 255) String companyName) {

    Contact toContact() {
        return new Contact(id, name, email, phone, companyName);
    }
}
