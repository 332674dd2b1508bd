package dev.osoj.internal.store;

import dev.osoj.Fact;
import dev.osoj.FactPattern;
import dev.osoj.Value;
import dev.osoj.ValuePattern;
import dev.osoj.internal.program.PredicateKey;
import dev.osoj.spi.FactChange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Facts in memory: a {@link ValueTable}, one {@link Relation} per predicate (name and arity) and a
 * read-write lock. Writers hold the write lock for a whole batch; a question holds the read lock
 * from its first lookup to its answer, so it sees every batch entirely or not at all.
 *
 * <p>Thread-safe when used through {@link #read()} and the write methods.
 */
public final class FactDatabase {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final ValueTable values = new ValueTable();
  private final Map<PredicateKey, Integer> predicateIds = new HashMap<>();
  private Relation[] relations = new Relation[16];
  private int relationCount;
  private final Reader reader = new Reader();

  /** A held read lock; close it to release. */
  public final class Reader implements AutoCloseable {
    private Reader() {}

    @Override
    public void close() {
      lock.readLock().unlock();
    }
  }

  /**
   * Takes the read lock; use in try-with-resources around a whole question.
   *
   * @return the handle releasing it
   */
  public Reader read() {
    lock.readLock().lock();
    return reader;
  }

  /**
   * Returns the value table (read it under {@link #read()}).
   *
   * @return the table
   */
  public ValueTable values() {
    return values;
  }

  /**
   * Returns the relation of a predicate id (read it under {@link #read()}).
   *
   * @param id a predicate id
   * @return the relation
   */
  public Relation relation(int id) {
    return relations[id];
  }

  /**
   * Returns the id of a predicate, if known.
   *
   * @param key the predicate
   * @return the id, or -1
   */
  public int findPredicate(PredicateKey key) {
    lock.readLock().lock();
    try {
      Integer id = predicateIds.get(key);
      return id == null ? -1 : id;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the id of a predicate, if known, for a caller already holding a lock.
   *
   * @param key the predicate
   * @return the id, or -1
   */
  public int findPredicateLocked(PredicateKey key) {
    Integer id = predicateIds.get(key);
    return id == null ? -1 : id;
  }

  /**
   * Runs an action under the write lock, for example interning the constants of a policy.
   *
   * @param action the action
   */
  public void write(Runnable action) {
    lock.writeLock().lock();
    try {
      action.run();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Returns the id of a predicate, creating an empty relation if needed. Call under {@link #write}.
   *
   * @param key the predicate
   * @return the id
   */
  public int internPredicate(PredicateKey key) {
    Integer id = predicateIds.get(key);
    if (id != null) {
      return id;
    }
    if (relationCount == relations.length) {
      relations = Arrays.copyOf(relations, relationCount * 2);
    }
    int fresh = relationCount++;
    relations[fresh] = new Relation(key.arity());
    predicateIds.put(key, fresh);
    return fresh;
  }

  /**
   * Applies writes in order under one write lock.
   *
   * @param changes the writes
   */
  public void apply(List<FactChange> changes) {
    lock.writeLock().lock();
    try {
      List<Relation> touched = new ArrayList<>();
      for (FactChange change : changes) {
        if (change instanceof FactChange.Insert) {
          insert(((FactChange.Insert) change).fact());
        } else if (change instanceof FactChange.Delete) {
          delete(((FactChange.Delete) change).pattern(), touched);
        } else {
          throw new AssertionError("unknown change " + change);
        }
      }
      touched.forEach(Relation::maybeCompact);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Removes every fact, keeping value and predicate ids. */
  public void clearFacts() {
    lock.writeLock().lock();
    try {
      for (int i = 0; i < relationCount; i++) {
        relations[i].clear();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Returns the stored facts matching a pattern.
   *
   * @param pattern the pattern
   * @return the facts
   */
  public List<Fact> get(FactPattern pattern) {
    lock.readLock().lock();
    try {
      List<Fact> out = new ArrayList<>();
      for (int row : matching(pattern)) {
        out.add(
            toFact(
                pattern.predicate(), java.util.Objects.requireNonNull(relationOf(pattern)), row));
      }
      return out;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Returns the number of stored facts.
   *
   * @return the count
   */
  public long size() {
    lock.readLock().lock();
    try {
      long total = 0;
      for (int i = 0; i < relationCount; i++) {
        total += relations[i].size();
      }
      return total;
    } finally {
      lock.readLock().unlock();
    }
  }

  private void insert(Fact fact) {
    Relation relation =
        relations[internPredicate(new PredicateKey(fact.predicate(), fact.arity()))];
    int[] tuple = new int[fact.arity()];
    for (int i = 0; i < tuple.length; i++) {
      tuple[i] = values.intern(fact.args().get(i));
    }
    relation.insert(tuple);
  }

  private void delete(FactPattern pattern, List<Relation> touched) {
    Relation relation = relationOf(pattern);
    if (relation == null) {
      return;
    }
    for (int row : matching(pattern)) {
      relation.delete(row);
    }
    touched.add(relation);
  }

  private @Nullable Relation relationOf(FactPattern pattern) {
    Integer id = predicateIds.get(new PredicateKey(pattern.predicate(), pattern.args().size()));
    return id == null ? null : relations[id];
  }

  private int[] matching(FactPattern pattern) {
    Relation relation = relationOf(pattern);
    if (relation == null) {
      return new int[0];
    }
    int arity = relation.arity();
    int[] exact = new int[arity];
    int[] ofType = new int[arity];
    int best = -1;
    for (int p = 0; p < arity; p++) {
      exact[p] = -1;
      ofType[p] = -1;
      ValuePattern vp = pattern.args().get(p);
      if (vp instanceof ValuePattern.Exact) {
        exact[p] = values.find(((ValuePattern.Exact) vp).value());
        if (exact[p] < 0) {
          return new int[0];
        }
        if (best < 0 || relation.count(p, exact[p]) < relation.count(best, exact[best])) {
          best = p;
        }
      } else if (vp instanceof ValuePattern.OfType) {
        ofType[p] = values.findType(((ValuePattern.OfType) vp).type());
        if (ofType[p] < 0) {
          return new int[0];
        }
      }
    }
    return collect(relation, best, exact, ofType);
  }

  private int[] collect(Relation relation, int best, int[] exact, int[] ofType) {
    int[] out = new int[8];
    int n = 0;
    int row = best >= 0 ? relation.first(best, exact[best]) : 0;
    while (best >= 0 ? row >= 0 : row < relation.rowLimit()) {
      if (relation.alive(row) && rowMatches(relation, row, exact, ofType)) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = row;
      }
      row = best >= 0 ? relation.next(best, row) : row + 1;
    }
    return Arrays.copyOf(out, n);
  }

  private boolean rowMatches(Relation relation, int row, int[] exact, int[] ofType) {
    for (int p = 0; p < exact.length; p++) {
      int v = relation.get(row, p);
      if (exact[p] >= 0 && v != exact[p]) {
        return false;
      }
      if (ofType[p] >= 0 && values.typeOf(v) != ofType[p]) {
        return false;
      }
    }
    return true;
  }

  private Fact toFact(String predicate, Relation relation, int row) {
    List<Value> args = new ArrayList<>(relation.arity());
    for (int p = 0; p < relation.arity(); p++) {
      args.add(values.value(relation.get(row, p)));
    }
    return new Fact(predicate, args);
  }
}
