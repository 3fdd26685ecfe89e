package io.dealflow.events;

/**
 * The contact an opportunity is for, as the board shows it. Every field may be null; {@code id} refers to the
 * contact in the CRM that owns it.
 */
public record Contact(String id, String name, String email, String phone, String companyName) {
}
