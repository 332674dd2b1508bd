package dev.osoj.hibernate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the relation a to-one association of an {@link OsoResource} entity stands for, when the
 * policy's relation name differs from the attribute name. Without it, an association to another
 * {@link OsoResource} entity becomes {@code has_relation(Resource, "<attribute>", Target)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface OsoRelation {
  /**
   * Returns the relation name in the policy.
   *
   * @return the relation, such as {@code organization}
   */
  String value();
}
