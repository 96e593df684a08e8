package com.webase.apps.sites;

import com.webase.apps.apps.App;
import com.webase.apps.apps.Apps;
import com.webase.apps.apps.AppsProperties;
import com.webase.apps.deployment.Deployment;
import com.webase.apps.deployment.Deployments;
import com.webase.apps.files.ContentTypes;
import com.webase.apps.files.FilePath;
import com.webase.apps.files.Manifest;
import com.webase.apps.files.SourceFiles;
import com.webase.platform.problem.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Live sites: {@code GET /sites/{site}/{path}}, what the gateway sends here from {@code
 * {site}.<sites domain>/{path}} — the files of the app's live deployment, with their content types,
 * {@code index.html} for a directory, never sniffed, and an ETag made of the deployment and the
 * blob, so a browser revalidates cheaply and a new deployment is new content.
 *
 * <p>A site is public and runs whatever script its owner wrote, so it must live on an origin of its
 * own where the portal's cookies and API tokens never go (DESIGN §2). The gateway strips them; a
 * request that still carries a {@code Cookie} or {@code Authorization} header is refused (and
 * counted), which shows a gateway that forwards credentials at once.
 */
@RestController
class SiteController {

  private final Apps apps;
  private final Deployments deployments;
  private final SourceFiles files;
  private final String entryPage;
  private final MeterRegistry meters;

  SiteController(
      Apps apps,
      Deployments deployments,
      SourceFiles files,
      AppsProperties properties,
      MeterRegistry meters) {
    this.apps = apps;
    this.deployments = deployments;
    this.files = files;
    this.entryPage = properties.entryPage();
    this.meters = meters;
  }

  @GetMapping({"/sites/{site}", "/sites/{site}/{*path}"})
  ResponseEntity<byte[]> serve(
      @PathVariable String site,
      @PathVariable(required = false) String path,
      @RequestHeader(value = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      HttpServletRequest request) {
    if (request.getHeader(HttpHeaders.COOKIE) != null
        || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      meters.counter("webase.sites.refused", "reason", "credentials").increment();
      throw new ProblemException(
          HttpStatus.BAD_REQUEST,
          "credentials-not-accepted",
          "Sites take no credentials",
          "A live site is served without cookies or an Authorization header.");
    }
    App app = apps.bySiteName(site).orElseThrow(() -> notFound("There is no site " + site + "."));
    Deployment live =
        deployments
            .liveOf(app.id())
            .orElseThrow(() -> notFound("The site " + site + " has no live deployment."));
    Manifest manifest = files.manifestOf(app.id(), live.revision());
    String wanted = path == null || path.equals("/") ? "" : path.substring(1);
    Resolved resolved = resolve(manifest, wanted).orElseThrow(() -> notFound("No such page."));
    String etag =
        "\""
            + live.id().toString().replace("-", "").substring(0, 16)
            + "-"
            + resolved.entry().sha256().substring(0, 32)
            + "\"";
    meters.counter("webase.sites.requests").increment();
    if (ifNoneMatch != null && ifNoneMatch.contains(etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    byte[] content = files.read(app.id(), live.revision(), resolved.path()).orElseThrow().content();
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, ContentTypes.header(resolved.entry().type()))
        .header("X-Content-Type-Options", "nosniff")
        .eTag(etag)
        .cacheControl(CacheControl.noCache())
        .body(content);
  }

  private record Resolved(String path, Manifest.FileEntry entry) {}

  /** The file for a site path: the file itself, or the directory's entry page. */
  private Optional<Resolved> resolve(Manifest manifest, String wanted) {
    if (wanted.isEmpty() || wanted.endsWith("/")) {
      return found(manifest, wanted + entryPage);
    }
    return found(manifest, wanted).or(() -> found(manifest, wanted + "/" + entryPage));
  }

  private static Optional<Resolved> found(Manifest manifest, String path) {
    FilePath.Result checked = FilePath.check(path);
    return checked.valid()
        ? manifest.entry(checked.path()).map(entry -> new Resolved(checked.path(), entry))
        : Optional.empty();
  }

  private static ProblemException notFound(String detail) {
    return new ProblemException(HttpStatus.NOT_FOUND, "site-page-not-found", "Not found", detail);
  }
}
