package com.webase.apps.files;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.platform.apidocs.ProblemResponse;
import com.webase.platform.apidocs.SuccessStatus;
import com.webase.platform.problem.ProblemException;
import com.webase.platform.problem.ProblemResponses;
import com.webase.platform.security.Caller;
import io.swagger.v3.oas.annotations.media.Schema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * An app's source files by path: list, get (the raw bytes), put, delete, and {@code POST /changes}
 * for many files as one revision.
 */
@RestController
@RequestMapping("/api/v1/apps/{appId}")
class FileController {

  private static final int MAX_PAGE = 1000;
  private static final Set<String> CHANGE_FIELDS = Set.of("files", "message", "baseRevision");

  private final Apps apps;
  private final SourceFiles files;

  FileController(Apps apps, SourceFiles files) {
    this.apps = apps;
    this.files = files;
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @GetMapping("/files")
  FileList list(
      Caller caller,
      @PathVariable String appId,
      @RequestParam(defaultValue = "1000") int limit,
      @RequestParam(required = false) String cursor) {
    caller.requireScope("apps:read");
    if (limit < 1 || limit > MAX_PAGE) {
      throw ProblemException.invalid("limit", "must be between 1 and " + MAX_PAGE);
    }
    String after = cursor == null ? "" : decodeCursor(cursor);
    App app = apps.ownedBy(caller, appId);
    Manifest manifest = files.current(app);
    List<FileView> items = new ArrayList<>();
    String next = null;
    for (var entry : manifest.files().tailMap(after + "\0").entrySet()) {
      if (items.size() == limit) {
        next = encodeCursor(items.getLast().path());
        break;
      }
      items.add(FileView.of(entry.getKey(), entry.getValue()));
    }
    return new FileList(app.revision(), manifest.files().size(), manifest.totalSize(), items, next);
  }

  /**
   * The file's bytes with its content type. On the portal's origin a file must never run as a page:
   * the answer is sandboxed ({@code Content-Security-Policy: sandbox}) and never sniffed.
   */
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(status = 404, type = "file-not-found", when = "no file at this path")
  @GetMapping("/files/{*path}")
  ResponseEntity<byte[]> get(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String path,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    caller.requireScope("apps:read");
    App app = apps.ownedBy(caller, appId);
    String checked = checkedPath(path);
    Manifest.FileEntry entry =
        files.current(app).entry(checked).orElseThrow(() -> SourceFiles.fileNotFound(checked));
    ResponseEntity.BodyBuilder response =
        ResponseEntity.ok()
            .eTag(entry.etag())
            .cacheControl(CacheControl.noCache())
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "sandbox; default-src 'none'");
    if (ifNoneMatch != null && ifNoneMatch.contains(entry.etag())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(entry.etag()).build();
    }
    byte[] content = files.read(app.id(), app.revision(), checked).orElseThrow().content();
    return response
        .header(HttpHeaders.CONTENT_TYPE, ContentTypes.header(entry.type()))
        .body(content);
  }

  @SuccessStatus({200, 201})
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 412,
      type = "stale-revision",
      when = "If-Match or If-None-Match does not hold: the file changed")
  @PutMapping("/files/{*path}")
  ResponseEntity<FileWritten> put(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String path,
      @RequestBody(required = false) byte[] content,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
    caller.requireScope("apps:write");
    String checked = checkedPath(path);
    SourceFiles.Written written =
        files.put(
            caller, appId, checked, content == null ? new byte[0] : content, ifMatch, ifNoneMatch);
    Manifest.FileEntry entry = written.revision().manifest().entry(checked).orElseThrow();
    return ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK)
        .eTag(entry.etag())
        .body(new FileWritten(FileView.of(checked, entry), written.revision().number()));
  }

  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(status = 404, type = "file-not-found", when = "no file at this path")
  @ProblemResponse(
      status = 412,
      type = "stale-revision",
      when = "If-Match does not hold: the file changed")
  @DeleteMapping("/files/{*path}")
  FileDeleted delete(
      Caller caller,
      @PathVariable String appId,
      @PathVariable String path,
      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
    caller.requireScope("apps:write");
    String checked = checkedPath(path);
    return new FileDeleted(checked, files.delete(caller, appId, checked, ifMatch).number());
  }

  /**
   * {@code {"files": {"index.html": "<html>…", "old.css": null, "logo.png": {"base64": "…"}},
   * "message": "…", "baseRevision": 3}}: every file at once, as one revision, or nothing.
   */
  @ProblemResponse(status = 404, type = "app-not-found", when = "no app with this id that you own")
  @ProblemResponse(
      status = 412,
      type = "stale-revision",
      when = "baseRevision is not the app's current revision")
  @PostMapping("/changes")
  ChangeApplied change(Caller caller, @PathVariable String appId, @RequestBody JsonNode body) {
    caller.requireScope("apps:write");
    ChangeRequest request = ChangeRequest.parse(body);
    apps.ownedBy(caller, appId); // 404 before anything about the body's files
    Revision revision =
        files.change(caller, appId, request.files(), request.baseRevision(), request.message());
    return new ChangeApplied(
        revision.number(), revision.summary(), revision.manifest().files().size());
  }

  /** The part of the URL after {@code /files/}: Spring gives it with its leading slash. */
  private static String checkedPath(String path) {
    String relative = path.startsWith("/") ? path.substring(1) : path;
    FilePath.Result checked = FilePath.check(relative);
    if (!checked.valid()) {
      throw ProblemException.invalid("path", checked.problem());
    }
    return checked.path();
  }

  private static String encodeCursor(String path) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(path.getBytes(StandardCharsets.UTF_8));
  }

  private static String decodeCursor(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ProblemException.invalid("cursor", "is not a cursor this API returned");
    }
  }

  /** The body of {@code POST /changes}, checked field by field. */
  record ChangeRequest(Map<String, byte[]> files, String message, Integer baseRevision) {

    static ChangeRequest parse(JsonNode body) {
      List<ProblemResponses.FieldError> errors = new ArrayList<>();
      if (body == null || !body.isObject()) {
        throw ProblemException.invalid("(body)", "must be an object with files");
      }
      for (String name : body.propertyNames()) {
        if (!CHANGE_FIELDS.contains(name)) {
          errors.add(new ProblemResponses.FieldError(name, "is not a known field"));
        }
      }
      JsonNode filesNode = body.get("files");
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (filesNode == null || !filesNode.isObject()) {
        errors.add(new ProblemResponses.FieldError("files", "must be an object of path → content"));
      } else {
        for (var entry : filesNode.properties()) {
          String field = "files[" + entry.getKey() + "]";
          JsonNode value = entry.getValue();
          if (value.isNull()) {
            files.put(entry.getKey(), null);
          } else if (value.isString()) {
            files.put(entry.getKey(), value.asString().getBytes(StandardCharsets.UTF_8));
          } else if (value.isObject()
              && value.size() == 1
              && value.has("base64")
              && value.get("base64").isString()) {
            try {
              files.put(entry.getKey(), Base64.getDecoder().decode(value.get("base64").asString()));
            } catch (IllegalArgumentException e) {
              errors.add(new ProblemResponses.FieldError(field, "base64 is not valid Base64"));
            }
          } else {
            errors.add(
                new ProblemResponses.FieldError(
                    field, "must be a string, null (delete) or {\"base64\": \"…\"}"));
          }
        }
      }
      String message = null;
      JsonNode messageNode = body.get("message");
      if (messageNode != null && !messageNode.isNull()) {
        if (!messageNode.isString()
            || messageNode.asString().isBlank()
            || messageNode.asString().length() > 500
            || messageNode.asString().chars().anyMatch(Character::isISOControl)) {
          errors.add(
              new ProblemResponses.FieldError(
                  "message", "must be text of 1 to 500 characters, without control characters"));
        } else {
          message = messageNode.asString().strip();
        }
      }
      Integer base = null;
      JsonNode baseNode = body.get("baseRevision");
      if (baseNode != null && !baseNode.isNull()) {
        if (!baseNode.isInt() || baseNode.asInt() < 0) {
          errors.add(
              new ProblemResponses.FieldError(
                  "baseRevision", "must be a revision number (0 or more)"));
        } else {
          base = baseNode.asInt();
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
      return new ChangeRequest(files, message, base);
    }
  }

  record FileView(
      @Schema(description = "The file's path in the app, e.g. index.html or css/site.css.")
          String path,
      @Schema(description = "Its size in bytes.") long size,
      @Schema(description = "Its content type, from its name.") String type,
      @Schema(description = "Its ETag, for If-Match on the next change.") String etag) {
    static FileView of(String path, Manifest.FileEntry entry) {
      return new FileView(path, entry.size(), entry.type(), entry.etag());
    }
  }

  /**
   * @param revision the app's revision with this list
   * @param fileCount and {@code totalSize}: of the whole app, not this page
   */
  record FileList(
      @Schema(description = "The app's revision this list is of.") int revision,
      @Schema(description = "How many files the whole app has (not this page).") int fileCount,
      @Schema(description = "The size of all the app's files, in bytes.") long totalSize,
      List<FileView> items,
      String nextCursor) {}

  record FileWritten(
      @Schema(description = "The file as written.") FileView file,
      @Schema(description = "The app's revision this write made.") int revision) {}

  record FileDeleted(
      @Schema(description = "The deleted file's path.") String path,
      @Schema(description = "The app's revision this deletion made.") int revision) {}

  record ChangeApplied(
      @Schema(description = "The app's revision the change made.") int revision,
      @Schema(description = "What changed, in one line, e.g. '2 files changed, 1 deleted'.")
          String summary,
      @Schema(description = "How many files the app has now.") int fileCount) {}
}
