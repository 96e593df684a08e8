package com.webase.platform.observability;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.ObservationFilter;
import java.util.Set;

/**
 * No query string in a span: the URLs the HTTP clients and servers record ({@code http.uri}, {@code
 * http.url}) keep their path only. A query can hold what a collector should not (record filters, a
 * site visitor's parameters, an email looked up).
 */
public class QueryFreeUrls implements ObservationFilter {

  private static final Set<String> URL_KEYS = Set.of("http.uri", "http.url", "url.full");

  @Override
  public io.micrometer.observation.Observation.Context map(
      io.micrometer.observation.Observation.Context context) {
    for (KeyValue value : context.getHighCardinalityKeyValues()) {
      int query = value.getValue().indexOf('?');
      if (query >= 0 && URL_KEYS.contains(value.getKey())) {
        context.addHighCardinalityKeyValue(
            KeyValue.of(value.getKey(), value.getValue().substring(0, query)));
      }
    }
    return context;
  }
}
