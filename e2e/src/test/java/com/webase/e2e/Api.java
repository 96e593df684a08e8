package com.webase.e2e;

import com.webase.testkit.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A program calling the API with its token in {@code x-api-token}, as the product tells it to. */
final class Api {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static final tools.jackson.databind.json.JsonMapper JSON =
      new tools.jackson.databind.json.JsonMapper();

  private Api() {}

  static HttpResponse<String> get(String base, String path, String token) {
    return send("GET", base, path, token, null);
  }

  static HttpResponse<String> send(
      String method, String base, String path, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("x-api-token", token);
    }
    request.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Any request: raw bytes with their content type and extra headers. */
  static HttpResponse<byte[]> request(
      String method,
      String base,
      String path,
      String token,
      byte[] body,
      String contentType,
      java.util.Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("x-api-token", token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
  }

  static tools.jackson.databind.JsonNode json(HttpResponse<byte[]> response) {
    return JSON.readTree(response.body());
  }

  /** A JSON request (or none, with a null body) with the token, as a program sends it. */
  static HttpResponse<byte[]> call(
      String method, String base, String path, String token, String json) {
    return request(
        method,
        base,
        path,
        token,
        json == null ? null : json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        json == null ? null : "application/json",
        java.util.Map.of());
  }

  /**
   * The sum of every sample of a Prometheus counter, from a process's {@code /actuator/prometheus}
   * on its management port.
   */
  static double counter(ServiceProcess process, String name, String labelFilter) {
    String text = get(process.managementUrl(), "/actuator/prometheus", null).body();
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name)
          && (line.charAt(name.length()) == '{' || line.charAt(name.length()) == ' ')
          && line.contains(labelFilter)) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * The upper bound of the histogram bucket that holds quantile {@code q} of a Prometheus histogram
   * ({@code <name>_bucket} lines, summed over every other label), as {@code histogram_quantile}
   * would place it before interpolating.
   */
  static double quantile(ServiceProcess process, String name, double q) {
    String text = get(process.managementUrl(), "/actuator/prometheus", null).body();
    java.util.TreeMap<Double, Double> cumulative = new java.util.TreeMap<>();
    java.util.regex.Pattern le = java.util.regex.Pattern.compile("le=\"([^\"]+)\"");
    for (String line : text.split("\n")) {
      if (line.startsWith(name + "_bucket{")) {
        var bound = le.matcher(line);
        if (bound.find()) {
          double upper =
              bound.group(1).equals("+Inf")
                  ? Double.POSITIVE_INFINITY
                  : Double.parseDouble(bound.group(1));
          double count = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
          cumulative.merge(upper, count, Double::sum);
        }
      }
    }
    if (cumulative.isEmpty() || cumulative.lastEntry().getValue() == 0) {
      return Double.NaN;
    }
    double wanted = q * cumulative.lastEntry().getValue();
    return cumulative.entrySet().stream()
        .filter(bucket -> bucket.getValue() >= wanted)
        .findFirst()
        .orElseThrow()
        .getKey();
  }
}
