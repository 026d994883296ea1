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
import net.jl2tp.model.Cookie;

/** An L2TPv3 cookie as the man page writes it: 8 or 16 hex digits. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
@Constraint(validatedBy = HexCookie.Validator.class)
@SchemaString(pattern = "^([0-9A-Fa-f]{8}){1,2}$", message = "a cookie: 8 or 16 hex digits, like 014d3636deadbeef")
public @interface HexCookie {
    String message() default "must be 8 or 16 hex digits (a 4- or 8-byte cookie), like 014d3636deadbeef";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<HexCookie, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null || Cookie.isValidHex(value)) {
                return true;
            }
            if (value.startsWith("0x") || value.startsWith("0X")) {
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(
                        "must be 8 or 16 hex digits without a 0x prefix, like 014d3636deadbeef")
                        .addConstraintViolation();
            }
            return false;
        }
    }
}
