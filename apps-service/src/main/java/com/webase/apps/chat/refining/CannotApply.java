package com.webase.apps.chat.refining;

/**
 * Why a message's change cannot be applied, in words for the user. Thrown inside the built-in
 * refiner and always turned into a {@link Refinement.NoChange}; it never leaves this package.
 */
final class CannotApply extends RuntimeException {

  CannotApply(String reason) {
    // No stack trace: this is an expected outcome of bad input, not a fault to debug.
    super(reason, null, false, false);
  }

  /** The reason, a sentence fragment without the final full stop. */
  String reason() {
    return getMessage();
  }
}
