package com.webase.apps.files;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.security.Caller;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An app's source files and their revisions. Every change — one file or many — is validated as a
 * whole first and then written as one new revision in one transaction, under the app's lock: it
 * applies completely or not at all, and changes to one app are numbered one after another. Contents
 * are stored once per app by SHA-256; a revision is a manifest of path → blob.
 */
@Service
public class SourceFiles {

  private static final HexFormat HEX = HexFormat.of();
  private static final int SUMMARY_NAMES = 5;

  private final Apps apps;
  private final BlobStore blobs;
  private final RevisionStore revisions;
  private final FileLimits limits;
  private final Clock clock;

  SourceFiles(Apps apps, BlobStore blobs, RevisionStore revisions, FileLimits limits, Clock clock) {
    this.apps = apps;
    this.blobs = blobs;
    this.revisions = revisions;
    this.limits = limits;
    this.clock = clock;
  }

  /** A file's content with what the manifest says of it. */
  public record StoredFile(String path, Manifest.FileEntry entry, byte[] content) {}

  /**
   * A change that passed every check against the files of {@code base}, ready to be written.
   *
   * @param changed false when it would change nothing (same contents): no revision is made
   */
  public record Plan(
      int base, Manifest manifest, Map<String, byte[]> newBlobs, String summary, boolean changed) {}

  /** The files of the app's current revision. */
  public Manifest current(App app) {
    return manifestOf(app.id(), app.revision());
  }

  public Manifest manifestOf(UUID appId, int revision) {
    return revisions
        .manifest(appId, revision)
        .orElseThrow(
            () ->
                new IllegalStateException("revision " + revision + " of " + appId + " is missing"));
  }

  /** One file of a revision. */
  public Optional<StoredFile> read(UUID appId, int revision, String path) {
    return manifestOf(appId, revision)
        .entry(path)
        .map(entry -> new StoredFile(path, entry, content(appId, entry)));
  }

  /** Every file of a revision, path → content: what an evaluation or the chat works on. */
  public Map<String, byte[]> snapshot(UUID appId, int revision) {
    Manifest manifest = manifestOf(appId, revision);
    Map<String, byte[]> contents =
        blobs.getAll(
            appId, manifest.files().values().stream().map(Manifest.FileEntry::sha256).toList());
    Map<String, byte[]> files = new TreeMap<>();
    manifest.files().forEach((path, entry) -> files.put(path, contents.get(entry.sha256())));
    return files;
  }

  public Optional<Revision> revision(UUID appId, int number) {
    return revisions.find(appId, number);
  }

  /** What a put did: the revision holding the file, and whether the file is new. */
  public record Written(Revision revision, boolean created) {}

  /** {@code PUT /files/{path}}: creates or replaces one file. */
  @Transactional
  public Written put(
      Caller caller,
      String appId,
      String path,
      byte[] content,
      String ifMatch,
      String ifNoneMatch) {
    App app = apps.lockOwnedBy(caller, appId);
    String checked = checkedPath("path", path);
    Manifest current = current(app);
    new Preconditions(ifMatch, ifNoneMatch).check(checked, current.entry(checked));
    Map<String, byte[]> change = new LinkedHashMap<>();
    change.put(checked, content);
    return new Written(commit(app, plan(app, change), "api"), current.entry(checked).isEmpty());
  }

  /** {@code DELETE /files/{path}}. */
  @Transactional
  public Revision delete(Caller caller, String appId, String path, String ifMatch) {
    App app = apps.lockOwnedBy(caller, appId);
    String checked = checkedPath("path", path);
    Manifest current = current(app);
    if (current.entry(checked).isEmpty()) {
      throw fileNotFound(checked);
    }
    new Preconditions(ifMatch, null).check(checked, current.entry(checked));
    Map<String, byte[]> change = new LinkedHashMap<>();
    change.put(checked, null);
    return commit(app, plan(app, change), "api");
  }

  /**
   * {@code POST /changes}: many files at once, as one revision. With {@code baseRevision}, only if
   * the app is still at that revision.
   */
  @Transactional
  public Revision change(
      Caller caller,
      String appId,
      Map<String, byte[]> change,
      Integer baseRevision,
      String message) {
    App app = apps.lockOwnedBy(caller, appId);
    if (baseRevision != null && baseRevision != app.revision()) {
      throw new ProblemException(
          HttpStatus.PRECONDITION_FAILED,
          "stale-revision",
          "The app changed",
          "The app is at revision "
              + app.revision()
              + ", not "
              + baseRevision
              + "; nothing was changed.");
    }
    Plan plan = plan(app, change);
    return commit(app, message == null ? plan : withSummary(plan, message), "api");
  }

  /**
   * Checks a change against the app's current files and works out the next manifest, writing
   * nothing. Every refused path is named at once: 400 for a bad path or a file to delete that is
   * not there, 413 when a file, the file count or the app's total size would exceed its limit.
   *
   * @param change path → new content, null to delete; in the order given
   */
  public Plan plan(App app, Map<String, byte[]> change) {
    if (change.isEmpty()) {
      throw ProblemException.invalid("files", "must name at least one file");
    }
    if (change.size() > limits.maxChangeFiles()) {
      throw tooLarge(
          "too-many-files",
          "Too many files in one change",
          "One change may touch at most "
              + limits.maxChangeFiles()
              + " files; this one touches "
              + change.size()
              + ".");
    }
    Manifest base = current(app);
    List<ProblemResponses.FieldError> errors = new ArrayList<>();
    Map<String, byte[]> normalised = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> entry : change.entrySet()) {
      FilePath.Result path = FilePath.check(entry.getKey());
      if (!path.valid()) {
        errors.add(new ProblemResponses.FieldError(fieldOf(entry.getKey()), path.problem()));
      } else if (entry.getValue() == null && base.entry(path.path()).isEmpty()) {
        errors.add(
            new ProblemResponses.FieldError(
                fieldOf(entry.getKey()), "is not a file of the app, so it cannot be deleted"));
      } else {
        normalised.put(path.path(), entry.getValue());
      }
    }
    if (!errors.isEmpty()) {
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "validation",
          "Invalid request",
          "The request has " + errors.size() + " invalid field(s).",
          Map.of("errors", errors));
    }
    TreeMap<String, Manifest.FileEntry> next = base.mutableCopy();
    Map<String, byte[]> newBlobs = new LinkedHashMap<>();
    List<String> created = new ArrayList<>();
    List<String> modified = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    for (Map.Entry<String, byte[]> entry : normalised.entrySet()) {
      String path = entry.getKey();
      byte[] content = entry.getValue();
      if (content == null) {
        next.remove(path);
        deleted.add(path);
        continue;
      }
      if (content.length > limits.maxFileSize().toBytes()) {
        throw tooLarge(
            "file-too-large",
            "File too large",
            path
                + " has "
                + content.length
                + " bytes; a file may have at most "
                + limits.maxFileSize().toBytes()
                + ".",
            path);
      }
      String sha256 = sha256(content);
      Manifest.FileEntry old = next.get(path);
      if (old != null && old.sha256().equals(sha256)) {
        continue; // the same content: not a change
      }
      next.put(path, new Manifest.FileEntry(sha256, content.length, ContentTypes.of(path)));
      newBlobs.put(sha256, content);
      (old == null ? created : modified).add(path);
    }
    if (next.size() > limits.maxFiles()) {
      throw tooLarge(
          "too-many-files",
          "Too many files",
          "An app may have at most "
              + limits.maxFiles()
              + " files; this change would make "
              + next.size()
              + ".");
    }
    Manifest manifest = Manifest.of(next);
    if (manifest.totalSize() > limits.maxAppSize().toBytes()) {
      throw tooLarge(
          "app-too-large",
          "App too large",
          "An app's files may have at most "
              + limits.maxAppSize().toBytes()
              + " bytes together; this change would make "
              + manifest.totalSize()
              + ".");
    }
    boolean changed = !created.isEmpty() || !modified.isEmpty() || !deleted.isEmpty();
    return new Plan(
        app.revision(), manifest, newBlobs, summary(created, modified, deleted), changed);
  }

  /**
   * Writes a plan as the app's next revision; the caller holds the app's lock and made the plan in
   * the same transaction. A plan that changes nothing returns the current revision.
   */
  @Transactional
  public Revision commit(App app, Plan plan, String source) {
    if (plan.base() != app.revision()) {
      throw new IllegalStateException(
          "planned on revision " + plan.base() + ", app is at " + app.revision());
    }
    if (!plan.changed()) {
      return revisions
          .find(app.id(), app.revision())
          .orElse(new Revision(0, Manifest.EMPTY, source, "no files yet", app.createdAt()));
    }
    plan.newBlobs().forEach((sha256, content) -> blobs.put(app.id(), sha256, content));
    Revision revision =
        new Revision(app.revision() + 1, plan.manifest(), source, plan.summary(), clock.instant());
    revisions.insert(app.id(), revision);
    apps.advanceRevision(app, revision.number());
    return revision;
  }

  private byte[] content(UUID appId, Manifest.FileEntry entry) {
    return blobs
        .get(appId, entry.sha256())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "blob " + entry.sha256() + " of " + appId + " is missing"));
  }

  private static Plan withSummary(Plan plan, String message) {
    return new Plan(plan.base(), plan.manifest(), plan.newBlobs(), message, plan.changed());
  }

  private static String checkedPath(String field, String path) {
    FilePath.Result checked = FilePath.check(path);
    if (!checked.valid()) {
      throw ProblemException.invalid(field, checked.problem());
    }
    return checked.path();
  }

  static ProblemException fileNotFound(String path) {
    return new ProblemException(
        HttpStatus.NOT_FOUND,
        "file-not-found",
        "File not found",
        "The app has no file " + path + ".");
  }

  private static ProblemException tooLarge(String slug, String title, String detail) {
    return new ProblemException(HttpStatus.CONTENT_TOO_LARGE, slug, title, detail);
  }

  private static ProblemException tooLarge(String slug, String title, String detail, String path) {
    return new ProblemException(
        HttpStatus.CONTENT_TOO_LARGE, slug, title, detail, Map.of("path", path));
  }

  private static String fieldOf(String path) {
    return "files[" + path + "]";
  }

  private static String summary(List<String> created, List<String> modified, List<String> deleted) {
    List<String> parts = new ArrayList<>();
    addPart(parts, "created", created);
    addPart(parts, "modified", modified);
    addPart(parts, "deleted", deleted);
    return parts.isEmpty() ? "no change" : String.join("; ", parts);
  }

  private static void addPart(List<String> parts, String verb, List<String> paths) {
    if (paths.isEmpty()) {
      return;
    }
    String names = String.join(", ", paths.subList(0, Math.min(SUMMARY_NAMES, paths.size())));
    if (paths.size() > SUMMARY_NAMES) {
      names += " and " + (paths.size() - SUMMARY_NAMES) + " more";
    }
    parts.add(verb + " " + names);
  }

  static String sha256(byte[] content) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
