package io.dealflow.command.errors;

/**
 * A well-formed command that breaks a business rule (unknown stage, negative value, duplicate name): HTTP 422.
 */
public class RuleViolated extends CommandRefused {

    public RuleViolated(String code, String field, String message) {
        super(code, field, message);
    }
}
