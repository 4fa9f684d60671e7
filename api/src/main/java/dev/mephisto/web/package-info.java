/**
 * Application pages on the worker's web server: {@link dev.mephisto.web.Page}, registered with
 * {@link dev.mephisto.App#page(String, dev.mephisto.web.Page)}.
 *
 * <p>Nothing in this package takes or returns {@code null} unless it is marked {@code @Nullable}.
 */
@NullMarked
package dev.mephisto.web;

import org.jspecify.annotations.NullMarked;
