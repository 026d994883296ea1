/**
 * The config's per-field constraints, checked by Hibernate Validator on the config records.
 *
 * <p>Each one targets fields (and record components) only. On a record component, an annotation
 * that also allowed PARAMETER and TYPE_USE would be copied onto the canonical constructor's
 * parameters and the component's type too, and the validator would build metadata for every copy
 * at start-up (a third of its per-class cost), though only the field's is ever checked.
 */
package net.jl2tp.config.constraints;
