package dev.osoj.internal.embedded;

import dev.osoj.internal.program.Program;
import java.util.Map;

/** The default {@link PolicyCompiler}: the Polar front end. */
public final class FrontEnd implements PolicyCompiler {
  @Override
  public Program compile(Map<String, String> filesToText) {
    throw new UnsupportedOperationException("the Polar front end is not merged yet");
  }
}
