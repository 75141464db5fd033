// Writes random ROS 2 messages as CDR with the independent TypeScript implementation
// (@foxglove/rosmsg parses the definition, @foxglove/rosmsg2-serialization writes the bytes), for
// the differential test of the gateway's CdrDecoder (test only).
//
// usage: node write-cdr.mjs INPUT.json OUTPUT.jsonl
//   INPUT: {"seed": 42, "count": 20, "types": [{"key": "jazzy sensor_msgs/msg/Imu",
//           "definition": "<rosbag2 ros2msg full definition text>"}, ...]}
//   OUTPUT: one JSON object a line: {"key", "i", "cdr": base64, "value"} (int64/uint64 as decimal
//           strings, float32 values exactly representable, uint8[] as arrays of numbers), or
//           {"key", "error"} when the definition cannot be parsed or written.
// Deterministic: the same input gives the same output (mulberry32 seeded per type from seed, key).
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import { readFileSync, writeFileSync } from "node:fs";

const [input, output] = process.argv.slice(2);
const spec = JSON.parse(readFileSync(input, "utf8"));

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function hash(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _-/.:;,{}[]\"'\\";

function generator(rand) {
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const big = (bits, signed) => {
    let v = 0n;
    for (let i = 0; i < bits / 16; i++) v = (v << 16n) | BigInt(int(0, 0xffff));
    if (rand() < 0.2) v = signed ? -(1n << BigInt(bits - 1)) : (1n << BigInt(bits)) - 1n; // extremes
    return signed ? BigInt.asIntN(bits, v) : BigInt.asUintN(bits, v);
  };
  const edgeOr = (edges, f) => (rand() < 0.15 ? edges[int(0, edges.length - 1)] : f());
  const prim = {
    bool: () => rand() < 0.5,
    int8: () => edgeOr([-128, 127, 0], () => int(-128, 127)),
    uint8: () => edgeOr([0, 255], () => int(0, 255)),
    int16: () => edgeOr([-32768, 32767], () => int(-32768, 32767)),
    uint16: () => edgeOr([0, 65535], () => int(0, 65535)),
    int32: () => edgeOr([-2147483648, 2147483647], () => int(-2147483648, 2147483647)),
    uint32: () => edgeOr([0, 4294967295], () => int(0, 4294967295)),
    int64: () => big(64, true),
    uint64: () => big(64, false),
    float32: () => Math.fround(edgeOr([0, -0.5, 3.4e38], () => (rand() - 0.5) * 10 ** int(-6, 6))),
    float64: () => edgeOr([0, -1e300, 5e-324], () => (rand() - 0.5) * 10 ** int(-12, 12)),
    string: (bound) => {
      const n = int(0, bound ?? 12);
      let s = "";
      for (let i = 0; i < n; i++) s += CHARS[int(0, CHARS.length - 1)];
      return s;
    },
    time: () => ({ sec: int(-2147483648, 2147483647), nanosec: int(0, 999999999) }),
  };
  prim.duration = prim.time;
  return { int, prim };
}

function makeValue(defs, fields, g, depth) {
  const out = {};
  for (const f of fields) {
    if (f.isConstant) continue;
    const one = () => {
      if (f.isComplex) {
        const d = defs.get(f.type);
        if (!d) throw new Error(`unknown type ${f.type}`);
        return makeValue(defs, d, g, depth + 1);
      }
      const p = g.prim[f.type];
      if (!p) throw new Error(`unsupported primitive ${f.type}`);
      return p(f.upperBound);
    };
    if (f.isArray) {
      const n =
        f.arrayLength ??
        (f.arrayUpperBound != undefined
          ? g.int(0, f.arrayUpperBound)
          : g.int(0, depth > 2 ? 1 : f.isComplex ? 3 : 6));
      const a = [];
      for (let i = 0; i < n; i++) a.push(one());
      out[f.name] = a;
    } else {
      out[f.name] = one();
    }
  }
  return out;
}

function forJson(v) {
  if (typeof v === "bigint") return v.toString();
  if (Array.isArray(v)) return v.map(forJson);
  if (v !== null && typeof v === "object") {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = forJson(x);
    return o;
  }
  return v;
}

const lines = [];
for (const t of spec.types) {
  try {
    const parsed = parse(t.definition, { ros2: true });
    const defs = new Map(parsed.map((d) => [d.name ?? "", d.definitions]));
    // A message of constants only (rcl_interfaces/ParameterType) has no fields: on the wire it is
    // an empty message. The writer would take it for an IDL constant module and find no root, so
    // it gets the root without its constants (the writer then writes its one-byte empty struct).
    const root = { ...parsed[0], definitions: parsed[0].definitions.filter((f) => !f.isConstant) };
    const writer = new MessageWriter([root, ...parsed.slice(1)]);
    const rand = mulberry32((spec.seed ^ hash(t.key)) >>> 0);
    const g = generator(rand);
    for (let i = 0; i < spec.count; i++) {
      const value = makeValue(defs, parsed[0].definitions, g, 0);
      const cdr = Buffer.from(writer.writeMessage(value)).toString("base64");
      lines.push(JSON.stringify({ key: t.key, i, cdr, value: forJson(value) }));
    }
  } catch (e) {
    lines.push(JSON.stringify({ key: t.key, error: String(e && e.message ? e.message : e) }));
  }
}
writeFileSync(output, lines.join("\n") + "\n");
