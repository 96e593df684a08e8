package com.webase.apps.chat.refining;

/**
 * Decides what a user's chat message does to an app. Implementations are thread-safe.
 *
 * <p>{@link #refine} never throws for bad input or a failing dependency: every failure is a {@link
 * Refinement.NoChange} whose reply says why. A returned {@link Refinement.Change} is complete — the
 * caller applies it atomically or not at all.
 */
public interface Refiner {
  Refinement refine(RefinementRequest request);
}
