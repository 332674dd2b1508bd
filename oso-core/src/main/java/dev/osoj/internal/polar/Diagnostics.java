package dev.osoj.internal.polar;

import dev.osoj.Diagnostic;
import dev.osoj.SourceSpan;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/** Collects the errors and warnings of one policy load. Not thread-safe. */
final class Diagnostics {
  private final List<Diagnostic> all = new ArrayList<>();
  private final java.util.Set<Diagnostic> seen = new java.util.HashSet<>();
  private final java.util.Map<String, Integer> fileOrder = new java.util.HashMap<>();

  /** Creates a collector for a scratch pass (no file order). */
  Diagnostics() {}

  /** Creates a collector that orders diagnostics by the given file order, then position. */
  Diagnostics(List<String> files) {
    for (String file : files) {
      fileOrder.putIfAbsent(file, fileOrder.size());
    }
  }

  /** Adds a diagnostic unless an identical one was already recorded. */
  void add(Diagnostic diagnostic) {
    if (seen.add(diagnostic)) {
      all.add(diagnostic);
    }
  }

  /** Adds every diagnostic of another collector. */
  void addAll(Diagnostics other) {
    other.all.forEach(this::add);
  }

  /** Records an error. */
  void error(String code, SourceSpan span, String message) {
    add(new Diagnostic(Diagnostic.Severity.ERROR, code, span, message));
  }

  /** Records a warning. */
  void warning(String code, SourceSpan span, String message) {
    add(new Diagnostic(Diagnostic.Severity.WARNING, code, span, message));
  }

  /** Returns the first recorded error, or null. */
  @org.jspecify.annotations.Nullable
  Diagnostic firstError() {
    return all.stream()
        .filter(d -> d.severity() == Diagnostic.Severity.ERROR)
        .findFirst()
        .orElse(null);
  }

  /** Returns whether any error was recorded. */
  boolean hasErrors() {
    return all.stream().anyMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
  }

  /** Returns every diagnostic sorted by file, line and column (stable for equal positions). */
  List<Diagnostic> sorted() {
    List<Diagnostic> copy = new ArrayList<>(all);
    copy.sort(
        Comparator.comparingInt(
                (Diagnostic d) -> fileOrder.getOrDefault(d.span().file(), fileOrder.size()))
            .thenComparingInt(d -> d.span().line())
            .thenComparingInt(d -> d.span().column()));
    return copy;
  }

  /** Returns the warnings, sorted by position. */
  List<Diagnostic> warnings() {
    return sorted().stream()
        .filter(d -> d.severity() == Diagnostic.Severity.WARNING)
        .collect(Collectors.toList());
  }
}
