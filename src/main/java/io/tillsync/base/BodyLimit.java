package io.tillsync.base;

/**
 * The largest request body a module's endpoints take, for the paths that start with
 * {@code pathPrefix}. A module that takes bodies larger than the edge's defaults (a batch of sales,
 * a catalog of products, an uploaded file) declares one as a bean; the edge reads every body within
 * the longest matching prefix's limit, before any application code runs.
 */
public record BodyLimit(String pathPrefix, long maxBytes) {
}
