package dev.mephisto.web;

import dev.mephisto.Experimental;

/**
 * An application page on the worker's web server, registered with {@link
 * dev.mephisto.App#page(String, Page)}. It runs on a virtual thread per request, so it may block.
 *
 * <pre>{@code
 * app.page("/greeting", request ->
 *     PageResponse.json("{\"hello\": \"" + request.query("name").orElse("world") + "\"}"));
 * }</pre>
 */
@Experimental("new in this release")
@FunctionalInterface
public interface Page {
  /**
   * Answers one request.
   *
   * @param request the request
   * @return the response
   * @throws Exception answered as status 500 with the exception's message; the worker goes on
   */
  PageResponse handle(PageRequest request) throws Exception;
}
