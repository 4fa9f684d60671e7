package dev.mephisto.web;

import dev.mephisto.Experimental;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request to an application {@link Page}.
 *
 * @param method e.g. {@code GET}
 * @param path the decoded path, e.g. {@code /orders/42}
 * @param query the decoded query parameters, each with its values in order
 * @param headers request headers, names in lower case
 * @param body the request body (empty for GET)
 */
@Experimental("new in this release")
public record PageRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body) {

  /** Copies the collections and checks nulls. */
  public PageRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = Map.copyOf(query);
    headers = Map.copyOf(headers);
    body = Objects.requireNonNull(body, "body").clone();
  }

  /**
   * @param name a query parameter
   * @return its first value
   */
  public Optional<String> query(String name) {
    List<String> v = query.get(name);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /**
   * @param name a header name, any case
   * @return its first value
   */
  public Optional<String> header(String name) {
    List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** @return a copy of the body */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
