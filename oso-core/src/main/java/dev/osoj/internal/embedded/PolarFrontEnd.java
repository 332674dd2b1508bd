package dev.osoj.internal.embedded;

import dev.osoj.internal.polar.PolicyLoader;
import dev.osoj.internal.polar.PolicySource;
import dev.osoj.internal.program.Program;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The default {@link PolicyFrontEnd}: the Polar parser and checker ({@link PolicyLoader}). */
public final class PolarFrontEnd implements PolicyFrontEnd {
  @Override
  public Program compile(Map<String, String> filesToText) {
    List<PolicySource> sources = new ArrayList<>();
    filesToText.forEach((file, text) -> sources.add(new PolicySource(file, text)));
    return PolicyLoader.load(sources);
  }
}
