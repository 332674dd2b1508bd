package dev.osoj.internal.embedded;

import dev.osoj.internal.polar.Negation;
import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.polar.Typing;
import dev.osoj.internal.program.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The default {@link PolicyFrontEnd}: the Polar parser and checker ({@link PolicyLoader}). */
public final class PolarFrontEnd implements PolicyFrontEnd {
  private final Negation negation;

  /** Creates a front end with strict negation. */
  public PolarFrontEnd() {
    this(Negation.STRICT);
  }

  /**
   * Creates a front end.
   *
   * @param negation which negations policies may use
   */
  public PolarFrontEnd(Negation negation) {
    this.negation = negation;
  }

  @Override
  public Program compile(Map<String, String> filesToText) {
    List<PolicySource> sources = new ArrayList<>();
    filesToText.forEach((file, text) -> sources.add(new PolicySource(file, text)));
    return PolicyLoader.load(sources, Typing.LENIENT, negation);
  }
}
