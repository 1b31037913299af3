/**
 * Turning the raw values of a request (query string, form, multipart, JSON) into the typed,
 * validated values a module declared, and the private folder where uploads live for one request.
 * No HTTP types here.
 */
package io.jdeepaas.runtime.args;
