package io.edgegateway.core.batch;

/**
 * Names and values of the extra Kafka record headers a {@link SealedBatch} can carry ({@link
 * SealedBatch#headers()}), beside the fixed ones the uplink writes for every batch.
 */
public final class BatchHeaders {
  /** The incident a record belongs to; on every record of {@code uplink.streams.incidents}. */
  public static final String INCIDENT_ID = "eg-incident-id";

  /**
   * What a record is when it is not a {@code TelemetryBatch}: {@link #RECORD_INCIDENT_MANIFEST}.
   * Absent on batches.
   */
  public static final String RECORD = "eg-record";

  /** The value of {@link #RECORD} on an incident's manifest (JSON, see docs/capture.md). */
  public static final String RECORD_INCIDENT_MANIFEST = "incident-manifest";

  /** Overrides the uplink's {@code eg-schema} header (the manifest's schema). */
  public static final String SCHEMA = "eg-schema";

  /** Overrides the uplink's {@code eg-encoding} header (the manifest is not compressed). */
  public static final String ENCODING = "eg-encoding";

  /** The {@link #SCHEMA} of an incident manifest. */
  public static final String SCHEMA_INCIDENT_MANIFEST = "edgegateway.v1.IncidentManifest+json";

  /** The {@link #ENCODING} of a value written as is (UTF-8 JSON). */
  public static final String ENCODING_IDENTITY = "identity";

  private BatchHeaders() {}
}
