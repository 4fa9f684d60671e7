/**
 * Application pages on the worker's web server: {@link dev.mephisto.web.Page}, registered with
 * {@link dev.mephisto.App#page(String, dev.mephisto.web.Page)}.
 */
package dev.mephisto.web;
