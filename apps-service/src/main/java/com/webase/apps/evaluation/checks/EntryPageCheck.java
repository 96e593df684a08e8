package com.webase.apps.evaluation.checks;

/**
 * The {@value Check#ENTRY_PAGE} check: the page a deployed site opens on is at the root of the app.
 * When a page of that name sits in a folder instead, the finding says where, since moving it is the
 * likely fix. Immutable; thread-safe.
 */
final class EntryPageCheck {

  private final String entryPage;

  EntryPageCheck(String entryPage) {
    this.entryPage = entryPage;
  }

  Check run(Snapshot snapshot) {
    BoundedFindings findings = new BoundedFindings(1);
    if (snapshot.contains(entryPage)) {
      return findings.toCheck(Check.ENTRY_PAGE, entryPage + " is present: the site opens on it.");
    }
    String elsewhere = "";
    for (String path : snapshot.paths()) {
      if (path.endsWith("/" + entryPage)) {
        elsewhere = " There is one at " + path + "; the site opens on the one at the root.";
        break;
      }
    }
    findings.add(entryPage, null, entryPage + " is missing: a site opens on it." + elsewhere);
    return findings.toCheck(Check.ENTRY_PAGE, entryPage + " is missing.");
  }
}
