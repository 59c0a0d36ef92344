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
 * One fact. KEYS: bucket hash, campaign totals, platform totals, org's campaigns, org's platforms.
 * ARGV: bucket, figures, campaign id, platform, org id, ttl seconds.
 * The bucket's stored figures are the "previous": a restated bucket moves the totals by new − old
 * (it replaces, never adds), a redelivered one by nothing.
 */
export const APPLY_FACT = `${PARSE}
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old == ARGV[2] then return 0 end
local o = figures(old)
local n = figures(ARGV[2])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
for k = 1, 5 do
  local d = n[k] - o[k]
  if d ~= 0 then
    local by = string.format('%.0f', d)
    redis.call('HINCRBY', KEYS[2], FIELDS[k], by)
    redis.call('HINCRBY', KEYS[3], FIELDS[k], by)
  end
end
redis.call('HSET', KEYS[2], 'platform', ARGV[4], 'org_id', ARGV[5])
redis.call('SADD', KEYS[4], ARGV[3])
redis.call('SADD', KEYS[5], ARGV[4])
for k = 1, 5 do redis.call('EXPIRE', KEYS[k], ARGV[6]) end
return 1
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
