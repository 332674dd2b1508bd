package dev.osoj.internal.polar.ast;

import static java.util.Objects.requireNonNull;

import dev.osoj.SourceSpan;
import java.util.List;

/** The right side of a block declaration. */
public sealed interface DeclValue extends Node {

  /**
   * {@code ["a", "b"]}: the shape of {@code roles} and {@code permissions}.
   *
   * @param items the strings, decoded, each with its span
   * @param span where the list starts
   */
  record StringList(List<Name> items, SourceSpan span) implements DeclValue {
    /** Creates a string list. */
    public StringList {
      items = List.copyOf(items);
      requireNonNull(span, "span");
    }
  }

  /**
   * {@code { name: Type, … }}: the shape of {@code relations}.
   *
   * @param entries the entries in source order
   * @param span where the map starts
   */
  record RelationMap(List<Entry> entries, SourceSpan span) implements DeclValue {
    /** Creates a map. */
    public RelationMap {
      entries = List.copyOf(entries);
      requireNonNull(span, "span");
    }
  }

  /**
   * One {@code name: Type} entry of a {@link RelationMap}.
   *
   * @param name the relation name
   * @param type the target type
   * @param span where the entry starts
   */
  record Entry(Name name, TypeRef type, SourceSpan span) implements Node {
    /** Creates an entry. */
    public Entry {
      requireNonNull(name, "name");
      requireNonNull(type, "type");
      requireNonNull(span, "span");
    }
  }
}
