package net.jl2tp.config.constraints;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * What a constraint on a string means in JSON Schema, written on the constraint itself so that
 * the schema of every component that carries it comes from there ({@code ConfigSchema}). The
 * pattern is ECMA 262 (what editors run) and must accept exactly what the constraint's validator
 * accepts; {@code ConstraintPatternsTest} checks the two against each other.
 */
@Documented
@Retention(RUNTIME)
@Target(ANNOTATION_TYPE)
public @interface SchemaString {
    /** The whole value must match this. */
    String pattern();

    /** At most this many characters; 0: no limit beyond the pattern. */
    int maxLength() default 0;

    /** What an editor says when the pattern does not match (yaml-language-server's patternErrorMessage). */
    String message();
}
