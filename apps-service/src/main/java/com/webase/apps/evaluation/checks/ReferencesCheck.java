package com.webase.apps.evaluation.checks;

import java.util.List;
import java.util.Optional;

/**
 * The {@value Check#REFERENCES} check: every local reference in the app's pages, scripts and style
 * sheets names a file of the snapshot, so the deployed site loads no 404. What counts as a
 * reference is set out in {@link PageReferences} (HTML), {@link ModuleSpecifiers} (JavaScript
 * modules; bare specifiers need an import map and are skipped) and {@link CssUrls} (CSS); how one
 * is resolved, in {@link LocalReference}. A reference to a folder resolves to its {@code
 * index.html} (the root's, to the entry page), as a static host serves it; one written without the
 * trailing slash resolves to a file of that name first, then to the folder's index.
 *
 * <p>Immutable; thread-safe.
 */
final class ReferencesCheck {

  private static final String FOLDER_INDEX = "index.html";

  private final String entryPage;
  private final int maxFindings;

  ReferencesCheck(String entryPage, int maxFindings) {
    this.entryPage = entryPage;
    this.maxFindings = maxFindings;
  }

  Check run(Snapshot snapshot) {
    Run run = new Run(snapshot, new BoundedFindings(maxFindings));
    for (String path : snapshot.paths()) {
      if (Snapshot.isHtml(path)) {
        ParsedPage page = snapshot.page(path);
        Optional<String> base = PageReferences.baseDirectory(page.document(), path);
        if (base.isPresent()) {
          run.verify(path, base.get(), PageReferences.in(page.document()), page.text().lines());
        }
      } else if (Snapshot.isJavaScript(path)) {
        DecodedText text = snapshot.text(path);
        List<WrittenReference> imports =
            ModuleSpecifiers.in(text.text()).stream()
                .filter(s -> !ModuleSpecifiers.isBare(s.value()))
                .toList();
        run.verify(path, Snapshot.directoryOf(path), imports, text.lines());
      } else if (Snapshot.isCss(path)) {
        DecodedText text = snapshot.text(path);
        run.verify(path, Snapshot.directoryOf(path), CssUrls.in(text.text()), text.lines());
      }
    }
    return run.findings.toCheck(Check.REFERENCES, run.summary());
  }

  /** One run over a snapshot; not thread-safe. */
  private final class Run {

    private final Snapshot snapshot;
    private final BoundedFindings findings;
    private int local;

    Run(Snapshot snapshot, BoundedFindings findings) {
      this.snapshot = snapshot;
      this.findings = findings;
    }

    void verify(
        String path, String baseDirectory, List<WrittenReference> written, LineNumbers lines) {
      for (WrittenReference reference : written) {
        String value = reference.value().strip();
        switch (LocalReference.resolve(value, baseDirectory)) {
          case LocalReference.NotLocal notLocal -> {}
          case LocalReference.OutsideApp outside -> {
            local++;
            findings.add(
                path,
                lines.lineOf(reference.offset()),
                "references "
                    + value
                    + ", which points above the app's root folder: only the app's own files are"
                    + " deployed.");
          }
          case LocalReference.InApp target -> {
            local++;
            if (!resolves(target)) {
              findings.add(path, lines.lineOf(reference.offset()), missing(value, target));
            }
          }
        }
      }
    }

    private boolean resolves(LocalReference.InApp target) {
      if (target.path().isEmpty()) {
        return snapshot.contains(entryPage);
      }
      String index = target.path() + "/" + FOLDER_INDEX;
      return target.directory()
          ? snapshot.contains(index)
          : snapshot.contains(target.path()) || snapshot.contains(index);
    }

    private String missing(String value, LocalReference.InApp target) {
      if (target.directory()) {
        String index = target.path().isEmpty() ? entryPage : target.path() + "/" + FOLDER_INDEX;
        return "references "
            + value
            + ", a folder whose "
            + index
            + " is not among the app's files.";
      }
      String resolved = target.path().equals(value) ? "" : " (" + target.path() + ")";
      return "references " + value + resolved + ", which is not among the app's files.";
    }

    String summary() {
      int unresolved = findings.total();
      if (local == 0) {
        return "There are no local references to check.";
      }
      if (unresolved == 0) {
        return local == 1
            ? "The one local reference resolves."
            : "All " + local + " local references resolve.";
      }
      return unresolved
          + " of "
          + Wording.count(local, "local reference", "local references")
          + (unresolved == 1 ? " does not resolve." : " do not resolve.");
    }
  }
}
