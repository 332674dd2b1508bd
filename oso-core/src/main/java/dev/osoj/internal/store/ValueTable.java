package dev.osoj.internal.store;

import dev.osoj.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Interns values and type names to small ints. Value ids are dense, start at 0 and are never
 * reused; a value keeps its id for the life of the table even after every fact using it is gone.
 * Each value is kept as its type id and its id text in UTF-8 (about 60 bytes per value with the
 * hash table), and turned back into a {@link Value} only when an answer needs one.
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

  private byte[][] ids = new byte[1024][];
  private int[] typeOf = new int[1024];
  private int[] hashes = new int[1024];
  private int size;
  private long[] slots = new long[2048];

  private final Map<String, Integer> typeIds = new HashMap<>();

  /**
   * Recently resolved values of questions, two-way set-associative by the value's hash (the more
   * recent of a set's two entries first; 65,536 entries, a 256 KB array filled only by questions).
   * Ids are never reused and values never forgotten, so an entry stays right forever; readers share
   * the array and race on its slots harmlessly (entries are immutable, a lost write only costs a
   * later miss).
   */
  private final Recent[] recent = new Recent[RECENT_SETS * 2];

  private static final int RECENT_SETS = 1 << 15;

  private static final class Recent {
    final Value value;
    final int hash;
    final int id;
    final int type;

    Recent(Value value, int hash, int id, int type) {
      this.value = value;
      this.hash = hash;
      this.id = id;
      this.type = type;
    }

    boolean holds(Value v, int h) {
      return value == v || (hash == h && value.equals(v));
    }
  }

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
    if (size == ids.length) {
      int grown = size + (size >> 1);
      ids = Arrays.copyOf(ids, grown);
      typeOf = Arrays.copyOf(typeOf, grown);
      hashes = Arrays.copyOf(hashes, grown);
    }
    int id = size++;
    ids[id] = value.id().getBytes(StandardCharsets.UTF_8);
    typeOf[id] = internType(value.type());
    hashes[id] = hash(typeOf[id], value.id());
    if (size * 10 > slots.length * 7) {
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
    Integer type = typeIds.get(value.type());
    if (type == null) {
      return -1;
    }
    String text = value.id();
    int h = hash(type, text);
    int mask = slots.length - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == 0) {
        return -1;
      }
      int id = (int) slot - 1;
      if ((int) (slot >>> 32) == h && typeOf[id] == type && sameText(ids[id], text)) {
        return id;
      }
    }
  }

  /**
   * Returns the id of a value like {@link #find}, remembering the answer so that asking again for
   * an equal value skips the comparison of id text in the table (the common case of questions about
   * the same actors and resources). Safe under a shared read lock.
   *
   * @param value the value
   * @return its id, or -1 if the table does not hold it
   */
  public int findRecent(Value value) {
    long found = findRecentWithType(value);
    return found < 0 ? -1 : (int) found;
  }

  /**
   * Returns the id and the type id of a value like {@link #findRecent}, in one long: the type id in
   * the high 32 bits, the value id in the low 32 bits; -1 if the table does not hold the value.
   *
   * @param value the value
   * @return the packed type and id, or -1
   */
  public long findRecentWithType(Value value) {
    Recent[] cache = recent;
    int h = value.hashCode();
    int set = (mix(h) & (RECENT_SETS - 1)) << 1;
    Recent hit = cache[set];
    if (hit == null || !hit.holds(value, h)) {
      Recent other = cache[set + 1];
      if (other == null || !other.holds(value, h)) {
        return resolveInto(cache, set, value, h);
      }
      cache[set + 1] = hit;
      cache[set] = other;
      hit = other;
    }
    return ((long) hit.type << 32) | hit.id;
  }

  private long resolveInto(Recent[] cache, int set, Value value, int h) {
    int id = find(value);
    if (id < 0) {
      return -1;
    }
    Recent entry = new Recent(value, h, id, typeOf[id]);
    cache[set + 1] = cache[set];
    cache[set] = entry;
    return ((long) entry.type << 32) | id;
  }

  private static int hash(int type, String text) {
    return type * 0x01000193 ^ text.hashCode();
  }

  private static boolean sameText(byte[] bytes, String text) {
    int n = text.length();
    if (bytes.length < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8));
      }
      if (bytes[i] != c) {
        return false;
      }
    }
    return bytes.length == n;
  }

  /**
   * Returns the value of an id (a new {@link Value} each time).
   *
   * @param id a value id, at least 0
   * @return the value
   */
  public Value value(int id) {
    return new Value(typeNames.get(typeOf[id]), idText(id));
  }

  /**
   * Returns the id text of a value id.
   *
   * @param id a value id, at least 0
   * @return the id
   */
  public String idText(int id) {
    return new String(ids[id], StandardCharsets.UTF_8);
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
    return id >= 0 && id < size ? value(id) : null;
  }

  private void rehash(int capacity) {
    slots = new long[capacity];
    for (int id = 0; id < size; id++) {
      place(id);
    }
  }

  private void place(int id) {
    int mask = slots.length - 1;
    int i = mix(hashes[id]) & mask;
    while (slots[i] != 0) {
      i = (i + 1) & mask;
    }
    slots[i] = ((long) hashes[id] << 32) | (id + 1L);
  }

  static int mix(int h) {
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
