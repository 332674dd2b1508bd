package dev.osoj.internal.store;

import dev.osoj.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Interns values and type names to small ints. Value ids are dense, start at 0 and are never
 * reused; a value keeps its id for the life of the table even after every fact using it is gone.
 *
 * <p>Besides stored values, the evaluator works with two other kinds of int: wildcards ({@link
 * #wildcard}), standing for "every value of a type", and question-local values (negative ids
 * between {@link #UNBOUND} and {@link #WILD_BASE}) for constants that the table does not hold.
 *
 * <p>Not thread-safe: the owning {@link FactDatabase} interns under its write lock and reads under
 * its read lock.
 */
public final class ValueTable {
  /** The marker of a variable or argument position without a value. */
  public static final int UNBOUND = -1;

  /** Wildcard ids are {@code WILD_BASE - typeId}; every id at or below this is a wildcard. */
  public static final int WILD_BASE = -1_000_000_000;

  private Value[] values = new Value[1024];
  private int[] typeOf = new int[1024];
  private int size;
  private int[] slots = new int[2048];

  private final Map<String, Integer> typeIds = new HashMap<>();
  private final List<String> typeNames = new ArrayList<>();

  /**
   * Returns whether an int is a wildcard.
   *
   * @param v the int
   * @return true for a wildcard
   */
  public static boolean isWildcard(int v) {
    return v <= WILD_BASE;
  }

  /**
   * Returns the wildcard standing for every value of a type.
   *
   * @param typeId the type id
   * @return the wildcard
   */
  public static int wildcard(int typeId) {
    return WILD_BASE - typeId;
  }

  /**
   * Returns the type of a wildcard.
   *
   * @param wildcard a wildcard
   * @return its type id
   */
  public static int wildcardType(int wildcard) {
    return WILD_BASE - wildcard;
  }

  /**
   * Returns the id of a type name, creating it if needed.
   *
   * @param name the type name
   * @return the type id
   */
  public int internType(String name) {
    Integer id = typeIds.get(name);
    if (id != null) {
      return id;
    }
    int fresh = typeNames.size();
    typeNames.add(name);
    typeIds.put(name, fresh);
    return fresh;
  }

  /**
   * Returns the id of a type name.
   *
   * @param name the type name
   * @return the id, or -1 if never interned
   */
  public int findType(String name) {
    Integer id = typeIds.get(name);
    return id == null ? -1 : id;
  }

  /**
   * Returns the name of a type id.
   *
   * @param typeId the id
   * @return the name
   */
  public String typeName(int typeId) {
    return typeNames.get(typeId);
  }

  /**
   * Returns the number of type names interned.
   *
   * @return the count
   */
  public int typeCount() {
    return typeNames.size();
  }

  /**
   * Returns the id of a value, creating it if needed.
   *
   * @param value the value
   * @return its id, at least 0
   */
  public int intern(Value value) {
    int found = find(value);
    if (found >= 0) {
      return found;
    }
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      typeOf = Arrays.copyOf(typeOf, size * 2);
    }
    int id = size++;
    values[id] = value;
    typeOf[id] = internType(value.type());
    if (size * 2 > slots.length) {
      rehash(slots.length * 2);
    } else {
      place(id);
    }
    return id;
  }

  /**
   * Returns the id of a value.
   *
   * @param value the value
   * @return its id, or -1 if the table does not hold it
   */
  public int find(Value value) {
    int mask = slots.length - 1;
    for (int i = mix(value.hashCode()) & mask; ; i = (i + 1) & mask) {
      int slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      if (values[slot - 1].equals(value)) {
        return slot - 1;
      }
    }
  }

  /**
   * Returns the value of an id.
   *
   * @param id a value id, at least 0
   * @return the value
   */
  public Value value(int id) {
    return values[id];
  }

  /**
   * Returns the type id of a value id.
   *
   * @param id a value id, at least 0
   * @return the type id
   */
  public int typeOf(int id) {
    return typeOf[id];
  }

  /**
   * Returns the number of values interned.
   *
   * @return the count
   */
  public int size() {
    return size;
  }

  /**
   * Returns the value of an id if it is a stored value.
   *
   * @param id any int
   * @return the value, or null for wildcards, local values and {@link #UNBOUND}
   */
  public @Nullable Value valueOrNull(int id) {
    return id >= 0 && id < size ? values[id] : null;
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    for (int id = 0; id < size; id++) {
      place(id);
    }
  }

  private void place(int id) {
    int mask = slots.length - 1;
    int i = mix(values[id].hashCode()) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = id + 1;
  }

  static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
