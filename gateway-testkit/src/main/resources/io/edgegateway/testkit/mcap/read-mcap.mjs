// Reads an MCAP file with @mcap/core (indexed and streaming readers), decodes every message with
// the ros2msg schema in the file (@foxglove/rosmsg + @foxglove/rosmsg2-serialization) and prints
// one JSON object on stdout. Usage: node read-mcap.mjs FILE.mcap
import { open, readFile } from "node:fs/promises";
import { crc32 } from "node:zlib";
import { McapIndexedReader, McapStreamReader } from "@mcap/core";
import { loadDecompressHandlers } from "@mcap/support";
import { parse } from "@foxglove/rosmsg";
import { MessageReader } from "@foxglove/rosmsg2-serialization";

const file = process.argv[2];
const decompressHandlers = await loadDecompressHandlers();

/** JSON-safe values: bigint as number (or string past 2^53), byte arrays as hex, typed arrays as arrays. */
function plain(v) {
  if (typeof v === "bigint") {
    return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v.toString();
  }
  if (v instanceof Uint8Array) {
    return Buffer.from(v).toString("hex");
  }
  if (ArrayBuffer.isView(v)) {
    return Array.from(v, plain);
  }
  if (Array.isArray(v)) {
    return v.map(plain);
  }
  if (v !== null && typeof v === "object") {
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

const handle = await open(file, "r");
const readable = {
  size: async () => BigInt((await handle.stat()).size),
  read: async (offset, size) => {
    const buf = Buffer.alloc(Number(size));
    const { bytesRead } = await handle.read(buf, 0, Number(size), Number(offset));
    if (bytesRead !== Number(size)) throw new Error(`short read at ${offset}`);
    return new Uint8Array(buf.buffer, buf.byteOffset, bytesRead);
  },
};
const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers });

const decoders = new Map();
for (const [id, schema] of reader.schemasById) {
  if (schema.encoding !== "ros2msg") throw new Error(`schema ${id} has encoding ${schema.encoding}`);
  const text = new TextDecoder().decode(schema.data);
  decoders.set(id, new MessageReader(parse(text, { ros2: true })));
}
const channels = [...reader.channelsById.values()].map((c) => ({
  id: c.id,
  topic: c.topic,
  messageEncoding: c.messageEncoding,
  schemaName: reader.schemasById.get(c.schemaId)?.name ?? null,
  schemaEncoding: reader.schemasById.get(c.schemaId)?.encoding ?? null,
}));

const messages = [];
for await (const m of reader.readMessages()) {
  const channel = reader.channelsById.get(m.channelId);
  messages.push({
    topic: channel.topic,
    sequence: m.sequence,
    logTime: m.logTime.toString(),
    publishTime: m.publishTime.toString(),
    message: plain(decoders.get(channel.schemaId).readMessage(m.data)),
  });
}

// Seeking: the messages of the middle third of the time span, read through the chunk index only.
let window = null;
if (reader.statistics && reader.statistics.messageCount > 0n) {
  const start = reader.statistics.messageStartTime;
  const span = reader.statistics.messageEndTime - start;
  const startTime = start + span / 3n;
  const endTime = start + (2n * span) / 3n;
  let count = 0;
  for await (const _m of reader.readMessages({ startTime, endTime })) count++;
  window = { startTime: startTime.toString(), endTime: endTime.toString(), count };
}

// The whole file through the streaming reader: every record in order, CRCs checked.
const stream = new McapStreamReader({ decompressHandlers, validateCrcs: true });
stream.append(await readFile(file));
const records = {};
const metadata = [];
let streamMessages = 0;
let record;
while ((record = stream.nextRecord()) !== undefined) {
  records[record.type] = (records[record.type] ?? 0) + 1;
  if (record.type === "Message") streamMessages++;
  if (record.type === "Metadata") metadata.push({ name: record.name, metadata: Object.fromEntries(record.metadata) });
}
if (!stream.done()) throw new Error("the streaming reader did not reach the end of the file");

// @mcap/core does not check DataEnd's data_section_crc: walk the top-level records to DataEnd and
// compare it with node's own CRC32 of everything before it.
const bytes = await readFile(file);
const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
let at = 8;
let dataSectionCrc = null;
while (at + 9 <= bytes.length) {
  const opcode = bytes[at];
  const length = Number(view.getBigUint64(at + 1, true));
  if (opcode === 0x0f) {
    const stored = view.getUint32(at + 9, true);
    const computed = crc32(bytes.subarray(0, at));
    if (stored !== 0 && stored !== computed) {
      throw new Error(`data section CRC mismatch: DataEnd has ${stored}, the bytes give ${computed}`);
    }
    dataSectionCrc = { stored, computed };
    break;
  }
  at += 9 + length;
}
if (dataSectionCrc === null) throw new Error("no DataEnd record in the data section");

const countsByTopic = {};
for (const m of messages) countsByTopic[m.topic] = (countsByTopic[m.topic] ?? 0) + 1;
const stats = reader.statistics;
console.log(
  JSON.stringify({
    profile: reader.header.profile,
    library: reader.header.library,
    chunkIndexes: reader.chunkIndexes.length,
    chunkCompressions: [...new Set(reader.chunkIndexes.map((c) => c.compression))],
    statistics: stats && {
      messageCount: Number(stats.messageCount),
      chunkCount: stats.chunkCount,
      channelCount: stats.channelCount,
      schemaCount: stats.schemaCount,
      metadataCount: stats.metadataCount,
      messageStartTime: stats.messageStartTime.toString(),
      messageEndTime: stats.messageEndTime.toString(),
    },
    schemas: [...reader.schemasById.values()].map((s) => ({
      id: s.id,
      name: s.name,
      encoding: s.encoding,
      data: new TextDecoder().decode(s.data),
    })),
    channels,
    metadataIndexes: reader.metadataIndexes.map((m) => m.name),
    metadata,
    countsByTopic,
    window,
    stream: { records, messages: streamMessages },
    dataSectionCrc,
    messages,
  }),
);
await handle.close();
