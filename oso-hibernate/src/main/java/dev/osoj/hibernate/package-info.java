/**
 * Per-session authorization filters for Hibernate ORM: entities marked {@link
 * dev.osoj.hibernate.OsoResource} get filter definitions compiled from the Oso policy at bootstrap,
 * and {@link dev.osoj.hibernate.OsoHibernate#enable} switches them on for one actor and action.
 */
@NullMarked
package dev.osoj.hibernate;

import org.jspecify.annotations.NullMarked;
