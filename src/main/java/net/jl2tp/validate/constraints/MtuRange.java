package net.jl2tp.validate.constraints;

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
import net.jl2tp.model.Mtu;

/** An MTU: auto, or within what Linux accepts for an Ethernet-like link. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, RECORD_COMPONENT})
@Constraint(validatedBy = MtuRange.Validator.class)
public @interface MtuRange {
    String message() default "must be auto or a number in 68..65535";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<MtuRange, Mtu> {
        @Override
        public boolean isValid(Mtu value, ConstraintValidatorContext context) {
            return !(value instanceof Mtu.Fixed fixed) || fixed.inRange();
        }
    }
}
