package dev.osoj.hibernate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a basic attribute of an {@link OsoResource} entity as a fact source. A boolean attribute
 * {@code isPublic} becomes the unary fact {@code is_public(Resource)} (rows where the column is
 * true); a string or integer attribute {@code status} becomes {@code has_status(Resource, String)}
 * or {@code has_status(Resource, Integer)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface OsoAttribute {
  /**
   * Returns the predicate name; empty means derived from the attribute name (snake case, with
   * {@code has_} in front for non-boolean attributes).
   *
   * @return the predicate name or empty
   */
  String value() default "";
}
