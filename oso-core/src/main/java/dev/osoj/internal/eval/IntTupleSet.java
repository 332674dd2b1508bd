package dev.osoj.internal.eval;

import java.util.Arrays;

/**
 * A growable set of int tuples of one arity, kept in insertion order in a flat array, so readers
 * may iterate by index while it grows.
 */
final class IntTupleSet {
  private final int arity;
  private int[] data;
  private int size;
  private int[] slots = new int[16];

  IntTupleSet(int arity) {
    this.arity = arity;
    this.data = new int[Math.max(1, arity) * 4];
  }

  int size() {
    return size;
  }

  int arity() {
    return arity;
  }

  int get(int index, int position) {
    return data[index * arity + position];
  }

  int[] tuple(int index) {
    return Arrays.copyOfRange(data, index * arity, index * arity + arity);
  }

  /** Adds a tuple (the first {@code arity} ints of the array); returns false if present. */
  boolean add(int[] tuple) {
    int mask = slots.length - 1;
    int i = hash(tuple, 0) & mask;
    for (; slots[i] != 0; i = (i + 1) & mask) {
      if (equalsAt(slots[i] - 1, tuple)) {
        return false;
      }
    }
    if ((size + 1) * arity > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, arity * 4));
    }
    System.arraycopy(tuple, 0, data, size * arity, arity);
    slots[i] = ++size;
    if (size * 2 > slots.length) {
      rehash();
    }
    return true;
  }

  boolean contains(int[] tuple) {
    int mask = slots.length - 1;
    for (int i = hash(tuple, 0) & mask; slots[i] != 0; i = (i + 1) & mask) {
      if (equalsAt(slots[i] - 1, tuple)) {
        return true;
      }
    }
    return false;
  }

  private boolean equalsAt(int index, int[] tuple) {
    int base = index * arity;
    for (int p = 0; p < arity; p++) {
      if (data[base + p] != tuple[p]) {
        return false;
      }
    }
    return true;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int index = 0; index < size; index++) {
      int i = hash(data, index * arity) & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = index + 1;
    }
  }

  private int hash(int[] values, int offset) {
    int h = 17;
    for (int p = 0; p < arity; p++) {
      h = h * 31 + values[offset + p];
    }
    int x = h * 0x9E3779B9;
    return x ^ (x >>> 16);
  }
}
