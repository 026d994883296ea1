package net.jl2tp.config.constraints;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;


/** A Linux interface name: 1..15 bytes, no slash, colon or white space, not . or .., and not the kernel'\''s reserved all or default. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
@Constraint(validatedBy = InterfaceName.Validator.class)
// Visible ASCII (0x21..0x7e) but '%', '/' and ':', 1..15 of them, and not ., .., all or default.
@SchemaString(pattern = "^(?!(\\.|\\.\\.|all|default)$)[!-$&-.0-9;-~]{1,15}$", maxLength = InterfaceNames.MAX_BYTES,
        message = "an interface name: 1..15 printable ASCII characters, no /, :, % or white space, not ., .., all or default")
public @interface InterfaceName {
    String message() default "is not a valid interface name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<InterfaceName, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String reason = InterfaceNames.problem(value);
            if (reason == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(InterfaceNames.escapeTemplate(reason)).addConstraintViolation();
            return false;
        }
    }
}
