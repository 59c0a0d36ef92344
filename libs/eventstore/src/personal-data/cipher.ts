import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * How a personal value is kept in an event: `pii:v1:<key id>:<base64url(iv | tag | ciphertext)>`,
 * AES-256-GCM under the data key of the person it is about (one key per stream, see keys.ts). The
 * token names its key, so any reader holding the key store can open it without knowing which
 * context wrote it; once the key is erased, nothing can.
 */
const PREFIX = 'pii:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

export const newDataKey = (): Buffer => randomBytes(DATA_KEY_BYTES);

export const isSealed = (value: unknown): value is string => typeof value === 'string' && value.startsWith(PREFIX);

// IVs are drawn from the CSPRNG in blocks: a bulk of 100,000 contacts seals 400,000 values.
const IV_BLOCK = IV_BYTES * 4_096;
let ivs = Buffer.alloc(0);
let ivAt = 0;
const nextIv = (): Buffer => {
  if (ivAt + IV_BYTES > ivs.length) {
    ivs = randomBytes(IV_BLOCK);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivs.subarray(ivAt - IV_BYTES, ivAt);
};

export const seal = (keyId: string, key: Buffer, plaintext: string): string => {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is authenticated with the value: a token moved under another key does not open.
  cipher.setAAD(Buffer.from(keyId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${PREFIX}${keyId}:${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
};

/** The key a sealed value names, or null when the value is not a token. */
export const keyIdOf = (token: string): string | null => {
  if (!isSealed(token)) return null;
  const end = token.indexOf(':', PREFIX.length);
  return end < 0 ? null : token.slice(PREFIX.length, end);
};

export class SealedValueError extends Error {
  constructor(reason: string) {
    super(`a sealed personal value cannot be opened: ${reason}`);
    this.name = 'SealedValueError';
  }
}

export const open = (token: string, key: Buffer): string => {
  const keyId = keyIdOf(token);
  if (keyId === null) throw new SealedValueError('not a token');
  const raw = Buffer.from(token.slice(PREFIX.length + keyId.length + 1), 'base64url');
  if (raw.length < IV_BYTES + TAG_BYTES) throw new SealedValueError('too short');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    throw new SealedValueError('the key does not match (tampered or moved)');
  }
};

/**
 * A blind index: the same value of the same kind in the same tenant always gives the same
 * lookup, which finds a person's keys for erasure without keeping the value itself. The secret
 * is the tenant's (keys.ts), so lookups of two tenants never match.
 */
export const lookupOf = (secret: Buffer, kind: string, value: string): string =>
  createHmac('sha256', secret).update(kind).update('\0').update(normalized(kind, value)).digest('base64url');

const normalized = (kind: string, value: string): string => {
  const trimmed = value.trim().toLowerCase();
  // LinkedIn URLs: one profile, however it was written (scheme, www, trailing slash).
  return kind === 'linkedin' ? trimmed.replace(/^https?:\/\/(www\.)?/, '').replace(/\/+$/, '') : trimmed;
};
