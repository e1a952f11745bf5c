/**
 * Segment files, `SYNC/<deviceId>/<segment>.klog`: one device's messages, written
 * once and never changed.
 *
 *   "KLOG" | u32 total length | u32 header length | header (JSON, no personal data)
 *   | nonce (12) | GCM tag (16) | ciphertext (deflated JSON payload) | Ed25519 signature (64)
 *
 * The payload is encrypted with the office's sync key (the header is its associated
 * data); everything before the signature is signed with the device key. A file
 * shorter than its stated length is `sync.incomplete` (still being copied, a USB
 * stick pulled early); anything else that does not check is `sync.tampered`.
 */
import { createCipheriv, createDecipheriv, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { CodedError } from '../../../shared/api/envelope';
import { DeviceCertSchema, publicKeyFrom, type DeviceCert } from './keys';
import type { SyncMessage } from './store';

const MAGIC = Buffer.from('KLOG', 'ascii');
const SIG = 64;

const HeaderSchema = z.object({
  format: z.literal('kalkan-sync-segment'),
  version: z.literal(1),
  vaultId: z.string().uuid(),
  device: z.string().regex(/^[0-9A-F]{16}$/),
  segment: z.number().int().positive(),
  count: z.number().int().nonnegative(),
  cert: DeviceCertSchema,
});
export type SegmentHeader = z.infer<typeof HeaderSchema>;

const PayloadSchema = z.object({
  messages: z.array(z.tuple([z.string(), z.string(), z.string(), z.string(), z.string(), z.string().nullable()])),
  /** Audit chain heads this device knew when writing: [device, seq, hash]. */
  heads: z.array(z.tuple([z.string(), z.number().int(), z.string()])),
  /** What the writer holds of each device: [device, segments 1..n, Merkle trie JSON]. */
  trees: z.array(z.tuple([z.string().regex(/^[0-9A-F]{16}$/), z.number().int().nonnegative(), z.string().max(1_000_000)])).optional(),
});
export interface SegmentPayload {
  messages: SyncMessage[];
  heads: Array<[string, number, string]>;
  trees?: Array<[string, number, string]>;
}

export const segmentName = (n: number): string => `${String(n).padStart(8, '0')}.klog`;
export const SEGMENT_RE = /^(\d{8})\.klog$/;

export function encodeSegment(header: SegmentHeader, payload: SegmentPayload, syncKey: Buffer, privateKey: KeyObject): Buffer {
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const plain = deflateRawSync(
    Buffer.from(JSON.stringify({ messages: payload.messages.map((m) => [m.timestamp, m.tbl, m.row, m.col, m.value, m.base]), heads: payload.heads, ...(payload.trees ? { trees: payload.trees } : {}) }), 'utf8'),
  );
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', syncKey, nonce);
  cipher.setAAD(head);
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const tag = cipher.getAuthTag();
  const total = 12 + head.length + 12 + 16 + ciphertext.length + SIG;
  const lengths = Buffer.alloc(8);
  lengths.writeUInt32BE(total, 0);
  lengths.writeUInt32BE(head.length, 4);
  const body = Buffer.concat([MAGIC, lengths, head, nonce, tag, ciphertext]);
  return Buffer.concat([body, sign(null, body, privateKey)]);
}

/** Reads the clear header of a segment; checks lengths but not yet the signature. */
export function readSegment(bytes: Buffer): { header: SegmentHeader; body: Buffer; signature: Buffer; headLength: number } {
  if (bytes.length < 12) throw new CodedError(bytes.length === 0 || MAGIC.subarray(0, bytes.length).equals(bytes.subarray(0, 4)) ? 'sync.incomplete' : 'sync.tampered');
  if (!bytes.subarray(0, 4).equals(MAGIC)) throw new CodedError('sync.tampered');
  const total = bytes.readUInt32BE(4);
  const headLength = bytes.readUInt32BE(8);
  if (bytes.length < total) throw new CodedError('sync.incomplete');
  if (bytes.length > total || 12 + headLength + 28 + SIG > total) throw new CodedError('sync.tampered');
  let header: SegmentHeader;
  try {
    header = HeaderSchema.parse(JSON.parse(bytes.subarray(12, 12 + headLength).toString('utf8')));
  } catch {
    throw new CodedError('sync.tampered');
  }
  return { header, body: bytes.subarray(0, total - SIG), signature: bytes.subarray(total - SIG), headLength };
}

export function signatureValid(segment: { body: Buffer; signature: Buffer }, cert: DeviceCert): boolean {
  try {
    return verify(null, segment.body, publicKeyFrom(cert.publicKey), segment.signature);
  } catch {
    return false;
  }
}

export function decryptSegment(segment: { body: Buffer; headLength: number }, syncKey: Buffer): SegmentPayload {
  const at = 12 + segment.headLength;
  const head = segment.body.subarray(12, at);
  const nonce = segment.body.subarray(at, at + 12);
  const tag = segment.body.subarray(at + 12, at + 28);
  const ciphertext = segment.body.subarray(at + 28);
  let parsed: z.infer<typeof PayloadSchema>;
  try {
    const decipher = createDecipheriv('aes-256-gcm', syncKey, nonce);
    decipher.setAAD(head);
    decipher.setAuthTag(tag);
    const plain = inflateRawSync(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
    parsed = PayloadSchema.parse(JSON.parse(plain.toString('utf8')));
  } catch {
    throw new CodedError('sync.tampered');
  }
  return {
    messages: parsed.messages.map(([timestamp, tbl, row, col, value, base]) => ({ timestamp, tbl, row, col, value, base })),
    heads: parsed.heads,
    ...(parsed.trees ? { trees: parsed.trees } : {}),
  };
}
