package dev.osoj.internal.polar.ast;

import dev.osoj.SourceSpan;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/** Helpers over whole trees. */
public final class AstNodes {
  private AstNodes() {}

  /**
   * Returns a copy of a tree (any AST record, or a list of them) in which every span is {@link
   * SourceSpan#NONE}, so that two trees can be compared with {@code equals} regardless of layout.
   * Works by reflection over record components, so new node types need no change here.
   *
   * @param node an AST record or list
   * @param <T> the node type
   * @return the copy
   */
  @SuppressWarnings("unchecked")
  public static <T> T withoutSpans(T node) {
    return (T) strip(node);
  }

  /**
   * Returns whether two trees are equal when spans are ignored.
   *
   * @param a one tree
   * @param b the other
   * @return true when they differ at most in spans
   */
  public static boolean equalIgnoringSpans(Object a, Object b) {
    return strip(a).equals(strip(b));
  }

  private static Object strip(Object value) {
    if (value instanceof SourceSpan) {
      return SourceSpan.NONE;
    }
    if (value instanceof List) {
      List<Object> out = new ArrayList<>();
      for (Object element : (List<?>) value) {
        out.add(strip(element));
      }
      return out;
    }
    if (value instanceof Record) {
      return stripRecord((Record) value);
    }
    return value;
  }

  private static Object stripRecord(Record record) {
    RecordComponent[] components = record.getClass().getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        Object v = components[i].getAccessor().invoke(record);
        values[i] = v == null ? null : strip(v);
        types[i] = components[i].getType();
      }
      Constructor<?> constructor = record.getClass().getDeclaredConstructor(types);
      return constructor.newInstance(values);
    } catch (NoSuchMethodException
        | InstantiationException
        | IllegalAccessException
        | InvocationTargetException e) {
      throw new IllegalStateException("cannot copy '" + record.getClass().getName() + "'", e);
    }
  }
}
