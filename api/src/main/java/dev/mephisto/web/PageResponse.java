package dev.mephisto.web;

import dev.mephisto.Experimental;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * What an application {@link Page} answers.
 *
 * @param status the HTTP status, e.g. 200
 * @param contentType the media type, e.g. {@code application/json}
 * @param headers further response headers
 * @param body the body
 */
@Experimental("new in this release")
public record PageResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

  /** Checks the status and nulls, copies the headers and the body. */
  public PageResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException(
          "HTTP status was '" + status + "' but it should be between 100 and 599");
    }
    Objects.requireNonNull(contentType, "contentType");
    headers = Map.copyOf(headers);
    body = Objects.requireNonNull(body, "body").clone();
  }

  /**
   * @param text plain text
   * @return a 200 response of {@code text/plain; charset=utf-8}
   */
  public static PageResponse text(String text) {
    return of(200, "text/plain; charset=utf-8", text);
  }

  /**
   * @param json a JSON document
   * @return a 200 response of {@code application/json}
   */
  public static PageResponse json(String json) {
    return of(200, "application/json", json);
  }

  /**
   * @param html an HTML document
   * @return a 200 response of {@code text/html; charset=utf-8}
   */
  public static PageResponse html(String html) {
    return of(200, "text/html; charset=utf-8", html);
  }

  /**
   * @param status the HTTP status
   * @param contentType the media type
   * @param body the body, sent as UTF-8
   * @return the response
   */
  public static PageResponse of(int status, String contentType, String body) {
    return new PageResponse(status, contentType, Map.of(),
        Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * @param name a header name
   * @param value its value
   * @return this response with that header added
   */
  public PageResponse withHeader(String name, String value) {
    Map<String, String> h = new java.util.LinkedHashMap<>(headers);
    h.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return new PageResponse(status, contentType, h, body);
  }

  /** @return a copy of the body */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
