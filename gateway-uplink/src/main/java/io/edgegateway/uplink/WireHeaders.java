package io.edgegateway.uplink;

import io.edgegateway.core.batch.BatchHeaders;

/**
 * Names and fixed values of the Kafka record headers every batch carries (DESIGN §5). Values are
 * UTF-8 strings; numbers are written in decimal.
 */
public final class WireHeaders {
  /** {@code <robot_id>/<stream>/<batch_seq>}. */
  public static final String BATCH_ID = "eg-batch-id";

  /** Encoding of the record value, always {@link #ENCODING_ZSTD}. */
  public static final String ENCODING = "eg-encoding";

  /** Schema of the record value, always {@link #SCHEMA_TELEMETRY_BATCH}. */
  public static final String SCHEMA = "eg-schema";

  /** Number of samples in the batch. */
  public static final String RECORDS = "eg-records";

  /** Smallest receive stamp in the batch, ns since the Unix epoch. */
  public static final String FIRST_NS = "eg-first-ns";

  /** Largest receive stamp in the batch, ns since the Unix epoch. */
  public static final String LAST_NS = "eg-last-ns";

  /**
   * Decimal id of the zstd dictionary the value was compressed with (the same id as in the zstd
   * frame header); absent when the value was compressed without a dictionary. The dictionary is on
   * the dictionary topic under this key.
   */
  public static final String ZSTD_DICT = "eg-zstd-dict";

  /** The value of {@link #ENCODING}: one zstd frame. */
  public static final String ENCODING_ZSTD = "zstd";

  /** The value of {@link #SCHEMA}: the protobuf message of the decompressed value. */
  public static final String SCHEMA_TELEMETRY_BATCH = "edgegateway.v1.TelemetryBatch";

  /** The incident a record belongs to (on {@code uplink.streams.incidents} records). */
  public static final String INCIDENT_ID = BatchHeaders.INCIDENT_ID;

  /**
   * What a record that is not a {@code TelemetryBatch} is, e.g. {@link #RECORD_INCIDENT_MANIFEST};
   * absent on batches. Readers of batches skip such records (their {@code batch_seq} still counts).
   */
  public static final String RECORD = BatchHeaders.RECORD;

  /** The {@link #RECORD} of an incident's manifest (UTF-8 JSON, docs/capture.md). */
  public static final String RECORD_INCIDENT_MANIFEST = BatchHeaders.RECORD_INCIDENT_MANIFEST;

  /** The {@link #SCHEMA} of an incident manifest. */
  public static final String SCHEMA_INCIDENT_MANIFEST = BatchHeaders.SCHEMA_INCIDENT_MANIFEST;

  /** The {@link #ENCODING} of a value written as is. */
  public static final String ENCODING_IDENTITY = BatchHeaders.ENCODING_IDENTITY;

  private WireHeaders() {}
}
