/**
 * The gateway configuration: YAML loading, schema, validation errors and the typed settings
 * records.
 */
@NullMarked
package io.edgegateway.core.config;

import org.jspecify.annotations.NullMarked;
