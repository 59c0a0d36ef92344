/**
 * Checks the alert, recommendation and automation deciders share (seed 003): who may act, the
 * org a command belongs to, the seed's DECIMAL columns as strings, and how a rejection is built.
 */
import { type Command, DomainError, rejectionsOf } from '../shared/decider';
import { isInstantInBounds, parseInstant } from '../shared/validation';
import { isStorableText } from '../shared/text';
import { AdsErrorCode as Code } from './errors';
import type { AdRole } from './values';

export const reject = rejectionsOf<Code>();

/** The org a command acts in; the adapters always set it, so its absence is a bug, not bad input. */
export const tenantOf = (command: Command): string => {
  const tenant = command.metadata.tenant;
  if (typeof tenant !== 'string' || tenant.length === 0) throw new Error(`ads command ${command.type} has no metadata.tenant`);
  return tenant;
};

export const nowOf = (command: Command): number => {
  const now = parseInstant(command.metadata.now);
  if (now === null) throw new Error(`command metadata.now is not an ISO instant: ${command.metadata.now}`);
  return now;
};

/** The user id of a `user:<id>` actor (a person), else null (an internal service: the system). */
export const personOf = (command: Command): string | null => (command.metadata.actor.startsWith('user:') ? command.metadata.actor.slice('user:'.length) : null);

/** Who may act on alerts, recommendations and actions (analysts only read). */
export const ACTING_ROLES: readonly AdRole[] = ['marketer', 'admin'];

/**
 * Null when the actor may act: a person whose role is one of `roles`, or — unless `personOnly` —
 * an internal service, which acts as the system. A person without a role, or with another one,
 * is refused: approvals need a role (issue 12, point 9).
 */
export const roleRequired = (command: Command, roles: readonly AdRole[], personOnly = false): DomainError | null => {
  const person = personOf(command);
  const role = command.metadata.role;
  if (person === null && role === undefined && !personOnly) return null;
  if (person !== null && role !== undefined && (roles as readonly string[]).includes(role)) return null;
  const who = person === null ? 'an internal service' : role === undefined ? 'a user without a role' : `role ${role}`;
  return reject(Code.AD_ROLE_REQUIRED, `${command.type} needs a person with role ${roles.join(' or ')}; ${who} may not`, {
    role: role ?? null,
    allowed: roles.join(','),
  });
};

/** Who did it, as the seed's *_by columns record it: the user's id, or the service's actor. */
export const actorIdOf = (command: Command): string => personOf(command) ?? command.metadata.actor;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** Lowercase only: a stream id is the raw string, so two spellings of one UUID would be two streams. */
export const isLowerUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** Text PostgreSQL can store, 1 to `max` characters, not blank. */
export const isText = (value: unknown, max: number): value is string =>
  typeof value === 'string' && value.trim().length > 0 && value.length <= max && isStorableText(value);

const decimalPattern = (scale: number) => new RegExp(`^-?(\\d+)(\\.\\d{1,${scale}})?$`);
const MONEY = decimalPattern(2);
const METRIC = decimalPattern(4);

/**
 * Cents of a money string that fits DECIMAL(15,2) (`"1234.50"`: at most 13 integer digits, 2
 * decimals), or null. Cents stay below 10^15, exact as a JS number.
 */
export const centsOf = (value: unknown): number | null => {
  if (typeof value !== 'string') return null;
  const match = MONEY.exec(value);
  if (match === null || match[1].replace(/^0+(?=\d)/, '').length > 13) return null;
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return value.startsWith('-') && cents !== 0 ? -cents : cents;
};

/** A money amount, never negative (a change moved, a cap). */
export const isMoney = (value: unknown): value is string => {
  const cents = centsOf(value);
  return cents !== null && cents >= 0;
};

/** seed 003: metric_value and threshold_value are DECIMAL(15,4): at most 11 integer digits, 4 decimals. */
export const isMetricDecimal = (value: unknown): value is string => {
  const match = typeof value === 'string' ? METRIC.exec(value) : null;
  return match !== null && match[1].replace(/^0+(?=\d)/, '').length <= 11;
};

/** seed 003: confidence_score / confidence are DECIMAL(3,2): a number from 0 to 1 with at most two decimals. */
export const isConfidence = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1 && Math.abs(value * 100 - Math.round(value * 100)) < 1e-9;

/** A JSON object (the seed's JSONB columns): plain, of JSON values only, with storable text. */
export const isJsonObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return false;
  try {
    const text = JSON.stringify(value);
    return isStorableText(text) && JSON.stringify(JSON.parse(text)) === text && text.length <= JSON_MAX;
  } catch {
    return false;
  }
};
/** A state or metrics object is a few fields; 64 KiB keeps every event far below Kafka's limit. */
const JSON_MAX = 64 * 1024;

/** An ISO instant a command carries, within the platform's bounds. */
export const instantOf = (value: unknown): number | null => {
  const millis = parseInstant(value);
  return millis !== null && isInstantInBounds(millis) ? millis : null;
};

/**
 * A UUID derived from a command's id and a label, without I/O (the domain has no crypto): four
 * FNV-1a hashes, differently seeded, laid out as a version-5-style UUID. The command id is
 * unique, so the id is too; a retried command names the same thing.
 */
export const derivedUuid = (commandId: string, label: string): string => {
  const text = `${label}\u0000${commandId}`;
  const words = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b].map((seed) => {
    let hash = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash;
  });
  const hex = words.map((word) => word.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/** The ad campaign as these deciders need it, folded from H1's campaign stream (read, never written). */
export interface CampaignRef {
  readonly orgId: string;
  readonly platform: string;
}

/** The AdCampaignRegistered fields these deciders read from the campaign's stream (ad-campaign.ts). */
export interface CampaignRegisteredShape {
  readonly type: 'AdCampaignRegistered';
  readonly data: { readonly campaignId: string; readonly orgId: string; readonly platform: string };
}
