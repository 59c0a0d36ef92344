/**
 * seed 004's CampaignValidation applied to a campaign's settings: defaults on create, patches
 * on update (null clears an optional field back to its default), every field's limits, the
 * A/B template rules and the date rules. Rejections name the seed's column in details.field.
 */
import { DomainError } from '../shared/decider';
import { EARLIEST_INSTANT_MS, isNonBlank, isUuid, LATEST_INSTANT_MS, toIso } from '../shared/validation';
import type { CampaignSettings } from './campaign';
import type { CampaignFields } from './commands';
import type { DirectoryState } from './directory';
import { OutreachErrorCode as Code } from './errors';
import { isDate, reject } from './rules';
import { CAMPAIGN_NAME_PATTERN, CAMPAIGN_TYPES, CHANNEL_PREFERENCES, CHANNELS, COMPANY_SIZES, LIMITS } from './values';

type Key = keyof CampaignSettings;

// seed 004: campaigns table defaults — campaign_type 'talent_sourcing', channel 'email', is_ab_test false, ab_split_percentage 50.
const DEFAULTS: { readonly [K in Key]: CampaignSettings[K] | null } = {
  name: null,
  description: null,
  campaignType: 'talent_sourcing',
  channel: 'email',
  // seed 004: combined — "preference order configurable"; email first unless chosen otherwise.
  channelPreference: 'email_first',
  targetAudience: null,
  targetLocations: null,
  targetSkills: null,
  targetCompanySizes: null,
  isAbTest: false,
  variantATemplateId: null,
  variantBTemplateId: null,
  abSplitPercentage: LIMITS.abSplitDefault,
  targetContactsCount: null,
  targetResponseRate: null,
  targetConversionCount: null,
  startDate: null,
  endDate: null,
  ownerId: null,
};
const KEYS = Object.keys(DEFAULTS) as Key[];

/** The seed's column name of each setting, reported as details.field. */
export const COLUMN: { readonly [K in Key]: string } = {
  name: 'name',
  description: 'description',
  campaignType: 'campaign_type',
  channel: 'channel',
  channelPreference: 'channel_preference',
  targetAudience: 'target_audience',
  targetLocations: 'target_locations',
  targetSkills: 'target_skills',
  targetCompanySizes: 'target_company_sizes',
  isAbTest: 'is_ab_test',
  variantATemplateId: 'variant_a_template_id',
  variantBTemplateId: 'variant_b_template_id',
  abSplitPercentage: 'ab_split_percentage',
  targetContactsCount: 'target_contacts_count',
  targetResponseRate: 'target_response_rate',
  targetConversionCount: 'target_conversion_count',
  startDate: 'start_date',
  endDate: 'end_date',
  ownerId: 'owner_id',
};

/** Settings as given, before validation: any field may hold what the wire carried. */
export type RawSettings = { readonly [K in Key]?: unknown };

/** `base` (or the defaults) with every field `changes` carries; null puts a field back to its default. */
export const mergeSettings = (base: CampaignSettings | null, changes: CampaignFields): RawSettings => {
  const raw: Record<string, unknown> = {};
  const given = changes as Readonly<Record<string, unknown>>;
  for (const key of KEYS) {
    const change = Object.prototype.hasOwnProperty.call(given, key) ? given[key] : undefined;
    // A setting the base lacks (recorded before the setting existed) reads as its default.
    raw[key] = change === undefined ? (base?.[key] ?? DEFAULTS[key]) : change === null ? DEFAULTS[key] : change;
  }
  return raw as RawSettings;
};

/** The fields whose value `changes` would alter. */
export const changedKeys = (base: CampaignSettings, merged: RawSettings): Key[] =>
  KEYS.filter((key) => JSON.stringify(base[key] ?? DEFAULTS[key]) !== JSON.stringify(merged[key]));

type Check = (value: unknown) => string | null;

const optionalText =
  (max: number): Check =>
  (value) =>
    value === null || (typeof value === 'string' && value.length <= max) ? null : `must be text of at most ${max} characters`;
const oneOf =
  (allowed: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value) ? null : `must be one of ${allowed.join(', ')}`;
const optionalList =
  (maxItems: number, isItem: (item: unknown) => boolean, item: string): Check =>
  (value) =>
    value === null || (Array.isArray(value) && value.length <= maxItems && value.every(isItem)) ? null : `must be at most ${maxItems} items, each ${item}`;
const integerIn =
  (min: number, max: number, optional: boolean): Check =>
  (value) =>
    (optional && value === null) || (Number.isInteger(value) && (value as number) >= min && (value as number) <= max)
      ? null
      : `must be a whole number from ${min} to ${max}`;
const optionalId: Check = (value) => (value === null || isUuid(value) ? null : 'must be a UUID');
// The instants' bounds (shared/validation): end_date sets a timer at its 00:00 UTC and, once the
// campaign completes, the archive timer 90 days later; both must stay readable instants.
const EARLIEST_DATE = toIso(EARLIEST_INSTANT_MS).slice(0, 10);
const LATEST_DATE = toIso(LATEST_INSTANT_MS - 1).slice(0, 10);
const optionalDate: Check = (value) =>
  value === null || (isDate(value) && value >= EARLIEST_DATE && value <= LATEST_DATE)
    ? null
    : `must be a date YYYY-MM-DD from ${EARLIEST_DATE} to ${LATEST_DATE}`;
const boolean: Check = (value) => (typeof value === 'boolean' ? null : 'must be true or false');
// seed 004: target_response_rate NUMERIC(5,2) — 0 to 100, at most 2 decimal places.
const responseRate: Check = (value) =>
  value === null ||
  (typeof value === 'number' &&
    value >= LIMITS.targetResponseRateMin &&
    value <= LIMITS.targetResponseRateMax &&
    Math.abs(value * 100 - Math.round(value * 100)) < 1e-6)
    ? null
    : 'must be a percentage from 0 to 100 with at most 2 decimals';

// seed 004: CampaignValidation
const CHECKS: ReadonlyArray<readonly [Key, Check]> = [
  ['description', optionalText(LIMITS.descriptionMax)],
  ['campaignType', oneOf(CAMPAIGN_TYPES)],
  ['channel', oneOf(CHANNELS)],
  ['channelPreference', oneOf(CHANNEL_PREFERENCES)],
  ['targetAudience', optionalText(LIMITS.targetAudienceMax)],
  [
    'targetLocations',
    optionalList(
      LIMITS.targetLocationsMaxItems,
      (item) => isNonBlank(item, LIMITS.targetLocationItemMax),
      `of 1 to ${LIMITS.targetLocationItemMax} characters`,
    ),
  ],
  [
    'targetSkills',
    optionalList(LIMITS.targetSkillsMaxItems, (item) => isNonBlank(item, LIMITS.targetSkillItemMax), `of 1 to ${LIMITS.targetSkillItemMax} characters`),
  ],
  ['targetCompanySizes', optionalList(COMPANY_SIZES.length, (item) => oneOf(COMPANY_SIZES)(item) === null, `one of ${COMPANY_SIZES.join(', ')}`)],
  ['isAbTest', boolean],
  ['variantATemplateId', optionalId],
  ['variantBTemplateId', optionalId],
  ['abSplitPercentage', integerIn(LIMITS.abSplitMin, LIMITS.abSplitMax, false)],
  ['targetContactsCount', integerIn(LIMITS.targetContactsMin, LIMITS.targetContactsMax, true)],
  ['targetResponseRate', responseRate],
  ['targetConversionCount', integerIn(LIMITS.targetConversionMin, LIMITS.targetConversionMax, true)],
  ['startDate', optionalDate],
  ['endDate', optionalDate],
];

/** The settings when every field keeps seed 004's CampaignValidation, else the first rule broken. */
export const validateSettings = (given: RawSettings): CampaignSettings | DomainError => {
  // A setting absent from settings recorded before it existed reads as its default.
  const raw: RawSettings = Object.fromEntries(KEYS.map((key) => [key, given[key] === undefined ? DEFAULTS[key] : given[key]]));
  const { name } = raw;
  // seed 004: name — required, "Campaign name is required"
  if (typeof name !== 'string' || name.trim().length === 0) return reject(Code.CAMPAIGN_NAME_REQUIRED, 'Campaign name is required', { field: 'name' });
  // seed 004: name — minLength 3, maxLength 200, pattern /^[a-zA-Z0-9\s\-_()]+$/
  if (name.length < LIMITS.nameMin || name.length > LIMITS.nameMax || !CAMPAIGN_NAME_PATTERN.test(name)) {
    return reject(Code.CAMPAIGN_INVALID, `name must be ${LIMITS.nameMin} to ${LIMITS.nameMax} letters, digits, spaces, - _ ( )`, { field: 'name' });
  }
  for (const [key, check] of CHECKS) {
    const problem = check(raw[key]);
    if (problem !== null) return reject(Code.CAMPAIGN_INVALID, `${COLUMN[key]} ${problem}`, { field: COLUMN[key] });
  }
  return raw as CampaignSettings;
};

/** Null when the owner is a user of the org (seed 004: owner_id REFERENCES user_profiles). */
export const ownerError = (settings: CampaignSettings, directory: DirectoryState): DomainError | null =>
  typeof settings.ownerId === 'string' && directory.users.has(settings.ownerId)
    ? null
    : reject(Code.CAMPAIGN_OWNER_NOT_FOUND, `Campaign owner ${String(settings.ownerId)} is not a user of the organization`, { field: 'owner_id' });

/** Which template channels a campaign channel may use (seed 004: Template Selection). */
const TEMPLATE_CHANNELS_OF = { email: ['email'], linkedin: ['linkedin'], combined: ['email', 'linkedin'] } as const;

/** Null when the A/B settings hold (seed 004: is_ab_test — When Enabled). */
export const abTestError = (settings: CampaignSettings, directory: DirectoryState): DomainError | null => {
  if (!settings.isAbTest) return null;
  const { variantATemplateId: a, variantBTemplateId: b, channel } = settings;
  // seed 004: is_ab_test requires variant_a_template_id and variant_b_template_id
  if (a === null || b === null) return reject(Code.CAMPAIGN_AB_MISSING_TEMPLATES, 'A/B test requires both variant templates');
  // seed 004: variant_b_template_id notEqualTo variant_a_template_id
  if (a === b) return reject(Code.CAMPAIGN_AB_SAME_TEMPLATES, 'Variant A and B must use different templates');
  for (const [field, id] of [
    ['variant_a_template_id', a],
    ['variant_b_template_id', b],
  ] as const) {
    const template = directory.templates.get(id);
    if (template === undefined) return reject(Code.CAMPAIGN_TEMPLATE_NOT_FOUND, `Template ${id} does not exist in the organization`, { field, templateId: id });
    // seed 004: Template Selection — must be compatible with selected channel
    if (!(TEMPLATE_CHANNELS_OF[channel] as readonly string[]).includes(template.channel)) {
      return reject(Code.CAMPAIGN_TEMPLATE_CHANNEL_MISMATCH, `Template ${id} is a ${template.channel} template; a ${channel} campaign cannot use it`, {
        field,
        templateId: id,
        templateChannel: template.channel,
        channel,
      });
    }
  }
  return null;
};

/**
 * Null when the dates hold (seed 004: start_date minDate 'today', lessThan end_date; end_date
 * greaterThan start_date). Only dates being set are held to "not in the past": a running
 * campaign's start_date is naturally behind it.
 */
export const datesError = (
  settings: CampaignSettings,
  today: string,
  changed: { readonly startDate: boolean; readonly endDate: boolean },
): DomainError | null => {
  const { startDate, endDate } = settings;
  const invalid = (message: string) => reject(Code.CAMPAIGN_INVALID_DATES, message, { startDate, endDate, today });
  if (changed.startDate && startDate !== null && startDate < today) return invalid('Start date cannot be in the past');
  if (endDate === null || !(changed.startDate || changed.endDate)) return null;
  if (startDate !== null && endDate <= startDate) return invalid('End date must be after start date');
  if (changed.endDate && endDate <= today) return invalid('End date must be after today');
  return null;
};
