package dev.osoj.internal.store;

import java.util.Arrays;

/**
 * The stored facts of one predicate: rows of value ids and, for every argument position a hash
 * index from value id to a chain of rows holding it there.
 *
 * <p>Memory per row of arity n: n ints of data, n chain links, one hash slot (about two ints at the
 * load factor used) and a bit for deletion, plus about 24 bytes per distinct value per position.
 * Deleted rows stay in place, skipped by readers, until more than half of the rows are deleted;
 * then the relation is rebuilt.
 *
 * <p>Not thread-safe: {@link FactDatabase} guards it.
 */
public final class Relation {
  private final int arity;
  private int[] data;
  private long[] dead;
  private int rows;
  private int live;
  private final PositionIndex[] index;

  Relation(int arity) {
    this.arity = arity;
    int capacity = 16;
    this.data = new int[Math.max(1, arity) * capacity];
    this.dead = new long[1];
    this.index = new PositionIndex[arity];
    for (int p = 0; p < arity; p++) {
      index[p] = new PositionIndex(capacity);
    }
  }

  /**
   * Returns the arity.
   *
   * @return the number of arguments per row
   */
  public int arity() {
    return arity;
  }

  /**
   * Returns the number of row slots, deleted ones included; valid row numbers are below it.
   *
   * @return the row count
   */
  public int rowLimit() {
    return rows;
  }

  /**
   * Returns the number of live rows.
   *
   * @return the count
   */
  public int size() {
    return live;
  }

  /**
   * Returns whether a row is live.
   *
   * @param row the row
   * @return true unless deleted
   */
  public boolean alive(int row) {
    return (dead[row >>> 6] & (1L << row)) == 0;
  }

  /**
   * Returns one value of a row.
   *
   * @param row the row
   * @param position the argument position
   * @return the value id
   */
  public int get(int row, int position) {
    return data[row * arity + position];
  }

  /**
   * Returns the first row of the chain of rows holding a value at a position.
   *
   * @param position the position
   * @param value the value id
   * @return the row, or -1
   */
  public int first(int position, int value) {
    return index[position].head(value);
  }

  /**
   * Returns the next row of a chain.
   *
   * @param position the chain's position
   * @param row the current row
   * @return the next row, or -1
   */
  public int next(int position, int row) {
    return index[position].next[row];
  }

  /**
   * Returns the chain of rows holding a value at a position in one probe: the live row count in the
   * high 32 bits, the first row (or -1) in the low 32 bits; 0 when no live row holds it. Walk the
   * chain with {@link #next} until that many live rows are seen.
   *
   * @param position the position
   * @param value the value id
   * @return the packed count and head
   */
  public long chain(int position, int value) {
    PositionIndex ix = index[position];
    int slot = ix.slot(value);
    int[] t = ix.table;
    if (t[slot] != value) {
      return 0L;
    }
    return ((long) t[slot + 2] << 32) | (t[slot + 1] & 0xFFFFFFFFL);
  }

  /**
   * Returns whether some row slot holds a deleted row (so readers must check {@link #alive}).
   *
   * @return true when deleted rows are present
   */
  public boolean hasDeleted() {
    return live != rows;
  }

  /**
   * Returns how many live rows hold a value at a position.
   *
   * @param position the position
   * @param value the value id
   * @return the count
   */
  public int count(int position, int value) {
    return index[position].count(value);
  }

  /**
   * Returns the row equal to a tuple.
   *
   * @param tuple the value ids, one per position
   * @return the live row, or -1
   */
  public int find(int[] tuple) {
    if (arity == 0) {
      for (int row = 0; row < rows; row++) {
        if (alive(row)) {
          return row;
        }
      }
      return -1;
    }
    int best = 0;
    int bestSlot = index[0].slot(tuple[0]);
    int bestCount = index[0].countAt(bestSlot, tuple[0]);
    for (int p = 1; p < arity && bestCount > 16; p++) {
      int slot = index[p].slot(tuple[p]);
      int count = index[p].countAt(slot, tuple[p]);
      if (count < bestCount) {
        best = p;
        bestSlot = slot;
        bestCount = count;
      }
    }
    if (bestCount == 0) {
      return -1;
    }
    PositionIndex chain = index[best];
    for (int row = chain.headAt(bestSlot); row >= 0; row = chain.next[row]) {
      if (rowEquals(row, tuple, 0) && alive(row)) {
        return row;
      }
    }
    return -1;
  }

  boolean insert(int[] tuple) {
    if (find(tuple) >= 0) {
      return false;
    }
    ensureRowCapacity();
    int row = rows;
    System.arraycopy(tuple, 0, data, row * arity, arity);
    rows++;
    for (int p = 0; p < arity; p++) {
      index[p].link(tuple[p], row);
    }
    live++;
    return true;
  }

  void delete(int row) {
    if (!alive(row)) {
      return;
    }
    dead[row >>> 6] |= 1L << row;
    live--;
    for (int p = 0; p < arity; p++) {
      index[p].decrement(get(row, p));
    }
  }

  void maybeCompact() {
    if (rows > 64 && live * 2 < rows) {
      compact();
    }
  }

  void clear() {
    Relation fresh = new Relation(arity);
    this.data = fresh.data;
    this.dead = fresh.dead;
    this.rows = 0;
    this.live = 0;
    System.arraycopy(fresh.index, 0, index, 0, arity);
  }

  private void compact() {
    int[] oldData = data;
    long[] oldDead = dead;
    int oldRows = rows;
    clear();
    int[] tuple = new int[arity];
    for (int row = 0; row < oldRows; row++) {
      if ((oldDead[row >>> 6] & (1L << row)) == 0) {
        System.arraycopy(oldData, row * arity, tuple, 0, arity);
        insert(tuple);
      }
    }
  }

  private void ensureRowCapacity() {
    int capacity = data.length / Math.max(1, arity);
    if (rows < capacity) {
      return;
    }
    int grown = capacity + (capacity >> 1) + 1;
    data = Arrays.copyOf(data, grown * Math.max(1, arity));
    dead = Arrays.copyOf(dead, (grown >>> 6) + 1);
    for (PositionIndex p : index) {
      p.next = Arrays.copyOf(p.next, grown);
    }
  }

  private boolean rowEquals(int row, int[] tuple, int offset) {
    int base = row * arity;
    for (int p = 0; p < arity; p++) {
      if (data[base + p] != tuple[offset + p]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Value id to the head of its row chain and its live count, open addressing over one array of
   * (key, head, count) triples so that a probe touches one cache line.
   */
  private static final class PositionIndex {
    private int[] table = emptyTable(16);
    private int used;
    int[] next;

    PositionIndex(int rowCapacity) {
      next = new int[rowCapacity];
    }

    private static int[] emptyTable(int slots) {
      int[] t = new int[slots * 3];
      for (int i = 0; i < t.length; i += 3) {
        t[i] = -1;
      }
      return t;
    }

    int head(int value) {
      int i = slot(value);
      return table[i] == value ? table[i + 1] : -1;
    }

    int headAt(int slot) {
      return table[slot + 1];
    }

    int count(int value) {
      return countAt(slot(value), value);
    }

    int countAt(int slot, int value) {
      return table[slot] == value ? table[slot + 2] : 0;
    }

    void link(int value, int row) {
      int i = slot(value);
      if (table[i] != value) {
        if ((used + 1) * 4 > (table.length / 3) * 3) {
          grow();
          i = slot(value);
        }
        table[i] = value;
        table[i + 1] = -1;
        used++;
      }
      next[row] = table[i + 1];
      table[i + 1] = row;
      table[i + 2]++;
    }

    void decrement(int value) {
      int i = slot(value);
      if (table[i] == value) {
        table[i + 2]--;
      }
    }

    /** Returns the array offset of the value's triple, or of the empty triple it would use. */
    int slot(int value) {
      int mask = table.length / 3 - 1;
      int i = ValueTable.mix(value) & mask;
      while (table[i * 3] != -1 && table[i * 3] != value) {
        i = (i + 1) & mask;
      }
      return i * 3;
    }

    private void grow() {
      int[] old = table;
      table = emptyTable(old.length / 3 * 2);
      for (int j = 0; j < old.length; j += 3) {
        if (old[j] != -1) {
          int i = slot(old[j]);
          table[i] = old[j];
          table[i + 1] = old[j + 1];
          table[i + 2] = old[j + 2];
        }
      }
    }
  }
}
