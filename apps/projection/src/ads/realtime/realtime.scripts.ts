/**
 * The Lua scripts behind the real-time figures: each runs atomically in Redis, so a reader never
 * sees a campaign's total and its platform's total disagree, and two writers never interleave.
 *
 * Figures are integers (impressions, clicks, cents, conversions) kept with HINCRBY (exact, 64-bit);
 * a bucket's figures are stored as "impressions|clicks|spendCents|conversions|revenueCents".
 */

/** The totals' fields, in the order of a bucket's figures. */
export const FIGURES = ['impressions', 'clicks', 'spend_cents', 'conversions', 'revenue_cents'] as const;

const PARSE = `
local function figures(text)
  local out = {0, 0, 0, 0, 0}
  if not text then return out end
  local i = 1
  for x in string.gmatch(text, '[^|]+') do out[i] = tonumber(x); i = i + 1 end
  return out
end
local FIELDS = {'impressions', 'clicks', 'spend_cents', 'conversions', 'revenue_cents'}
`;

/**
 * Facts of a committed batch, in one call (a call per fact cost a script send and a round of
 * Redis work each). KEYS: per fact, its bucket hash, campaign totals, platform totals, org's
 * campaigns, org's platforms. ARGV: ttl seconds, then per fact its bucket, figures, campaign id,
 * platform, org id. The bucket's stored figures are the "previous": a restated bucket moves the
 * totals by new − old (it replaces, never adds), a redelivered one by nothing. Each key a
 * changed fact touched has its time to live renewed once. Returns how many facts changed something.
 */
export const APPLY_FACTS = `${PARSE}
local moves = {}
local order = {}
local function move(key, n, o)
  local m = moves[key]
  if not m then m = {0, 0, 0, 0, 0}; moves[key] = m; order[#order + 1] = key end
  for i = 1, 5 do m[i] = m[i] + n[i] - o[i] end
end
local campaigns = {}
local members = {}
local touched = {}
local changed = 0
for f = 0, #KEYS / 5 - 1 do
  local k = f * 5
  local a = 1 + f * 5
  local old = redis.call('HGET', KEYS[k + 1], ARGV[a + 1])
  if old ~= ARGV[a + 2] then
    local o = figures(old)
    local n = figures(ARGV[a + 2])
    redis.call('HSET', KEYS[k + 1], ARGV[a + 1], ARGV[a + 2])
    move(KEYS[k + 2], n, o)
    move(KEYS[k + 3], n, o)
    campaigns[KEYS[k + 2]] = {ARGV[a + 4], ARGV[a + 5]}
    members[KEYS[k + 4] .. '\0' .. ARGV[a + 3]] = {KEYS[k + 4], ARGV[a + 3]}
    members[KEYS[k + 5] .. '\0' .. ARGV[a + 4]] = {KEYS[k + 5], ARGV[a + 4]}
    for i = 1, 5 do touched[KEYS[k + i]] = true end
    changed = changed + 1
  end
end
-- Each totals hash moved once by the sum of its facts' changes: the same totals, far fewer calls.
for _, key in ipairs(order) do
  local m = moves[key]
  for i = 1, 5 do
    if m[i] ~= 0 then redis.call('HINCRBY', key, FIELDS[i], string.format('%.0f', m[i])) end
  end
end
for key, c in pairs(campaigns) do redis.call('HSET', key, 'platform', c[1], 'org_id', c[2]) end
for _, m in pairs(members) do redis.call('SADD', m[1], m[2]) end
for key in pairs(touched) do redis.call('EXPIRE', key, ARGV[1]) end
return changed
`;

/**
 * One campaign's buckets from PostgreSQL, then its totals recomputed from its buckets.
 * KEYS: bucket hash, campaign totals, org's campaigns, org's platforms.
 * ARGV: campaign id, platform, org id, ttl, overwrite ('1': PostgreSQL wins; '0': a bucket
 * already present came from a fact applied meanwhile, newer than the read, and stays), then bucket/figures pairs.
 */
export const REBUILD_CAMPAIGN = `${PARSE}
for i = 6, #ARGV, 2 do
  if ARGV[5] == '1' then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
  else redis.call('HSETNX', KEYS[1], ARGV[i], ARGV[i + 1]) end
end
redis.call('DEL', KEYS[2])
local buckets = redis.call('HVALS', KEYS[1])
for _, text in ipairs(buckets) do
  local f = figures(text)
  for k = 1, 5 do redis.call('HINCRBY', KEYS[2], FIELDS[k], string.format('%.0f', f[k])) end
end
redis.call('HSET', KEYS[2], 'platform', ARGV[2], 'org_id', ARGV[3])
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SADD', KEYS[4], ARGV[2])
for k = 1, 4 do redis.call('EXPIRE', KEYS[k], ARGV[4]) end
return 1
`;

/**
 * One org's platform total recomputed from its campaigns' totals.
 * KEYS: platform totals, org's campaigns. ARGV: campaign totals key prefix, platform, ttl.
 * (The campaigns' keys are derived from the set's members: fine on a single Redis, which the
 * platform runs; a cluster would need them in one hash slot.)
 */
export const REBUILD_PLATFORM = `
local FIELDS = {'impressions', 'clicks', 'spend_cents', 'conversions', 'revenue_cents'}
redis.call('DEL', KEYS[1])
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local key = ARGV[1] .. id
  if redis.call('HGET', key, 'platform') == ARGV[2] then
    local values = redis.call('HMGET', key, unpack(FIELDS))
    for k = 1, 5 do
      if values[k] then redis.call('HINCRBY', KEYS[1], FIELDS[k], values[k]) end
    end
  end
end
for k = 1, 5 do redis.call('HSETNX', KEYS[1], FIELDS[k], '0') end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1
`;

/** An account's last sync: kept if later than the stored one. KEYS: org's syncs. ARGV: account id, ISO instant. */
export const RECORD_SYNC = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and current >= ARGV[2] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;
