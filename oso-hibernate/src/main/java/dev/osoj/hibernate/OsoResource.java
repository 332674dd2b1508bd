package dev.osoj.hibernate;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an entity as an Oso resource type: at bootstrap it gets authorization filters, and its id
 * and to-one associations become local bindings ({@link OsoHibernate#bindings}).
 *
 * <p>The entity needs a single-column id.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface OsoResource {
  /**
   * Returns the resource type name in the policy.
   *
   * @return the type, such as {@code Repository}
   */
  String value();
}
