package io.dealflow.security.abuse;

import io.dealflow.events.StorableText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} on strings counted in code points, as PostgreSQL's {@code varchar(n)} and people count them (an emoji
 * is one character, not two UTF-16 units). Registered for every {@code @Size} on a {@code String}; collections keep
 * the standard validator.
 */
public class CodePointSize implements ConstraintValidator<Size, String> {

    private int min;
    private int max;

    @Override
    public void initialize(Size size) {
        min = size.min();
        max = size.max();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        int length = StorableText.length(value);
        return length >= min && length <= max;
    }
}
