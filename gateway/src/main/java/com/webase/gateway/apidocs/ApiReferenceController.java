package com.webase.gateway.apidocs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The API reference on the portal's origin, open without login: the document at {@code
 * /v3/api-docs} and a reader of it (Swagger UI, from its webjar) at {@code /docs}.
 */
@RestController
@EnableConfigurationProperties(ApiDocsProperties.class)
class ApiReferenceController {

  private final ApiReference reference;
  private final String readerPage;

  ApiReferenceController(ApiReference reference) {
    this.reference = reference;
    this.readerPage = readerPage(swaggerUiVersion());
  }

  @GetMapping(value = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<JsonNode>> document() {
    return reference
        .document()
        .map(
            doc ->
                ResponseEntity.ok()
                    .cacheControl(CacheControl.noCache())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(doc));
  }

  @GetMapping(value = "/docs", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> reader() {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noCache())
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(readerPage);
  }

  /**
   * The page's script is a file of its own, not inline: a Content-Security-Policy may forbid those.
   */
  private static String readerPage(String version) {
    String assets = "/webjars/swagger-ui/" + version + "/";
    return """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Webase API reference</title>
          <link rel="stylesheet" href="%sswagger-ui.css">
        </head>
        <body>
          <main id="reference" aria-label="Webase API reference"></main>
          <script src="%sswagger-ui-bundle.js"></script>
          <script src="/docs/reader.js"></script>
        </body>
        </html>
        """
        .formatted(assets, assets);
  }

  private static String swaggerUiVersion() {
    var pom = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties");
    try (InputStream in = pom.getInputStream()) {
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("the swagger-ui webjar is missing", e);
    }
  }
}
