import type { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { contextGenerator } from './generator';

// Prettier 3 loads as an ES module, which jest's CommonJS runtime cannot: the templates' layout is
// Prettier's business (checked on a real run), their content is what these tests read.
jest.mock('@nx/devkit', () => ({ ...jest.requireActual('@nx/devkit'), formatFiles: jest.fn() }));

/** The lists the generator edits, as the workspace writes them (shortened to two contexts). */
const appContexts = (type: string) => `import type { ${type} } from './shared/context';
import { lifecycleContext } from './lifecycle/lifecycle.module';
import { outreachContext } from './outreach/outreach.module';

/** The contexts of this app. */
export const CONTEXTS: readonly ${type}[] = [lifecycleContext, outreachContext];
`;

const seeded = (): Tree => {
  const tree = createTreeWithEmptyWorkspace();
  tree.write(
    'libs/domain/src/index.ts',
    "export * from './shared/decider';\nexport * as lifecycle from './lifecycle';\nexport * as outreach from './outreach';\n",
  );
  tree.write(
    'libs/domain/src/testing.ts',
    "export const given = () => undefined;\n\nexport * as lifecycleTesting from './lifecycle/testing';\nexport * as outreachTesting from './outreach/testing';\n",
  );
  tree.write(
    'libs/contracts/src/index.ts',
    "export * from './topics';\n// Each context's wire format under its name.\nexport * as lifecycle from './lifecycle';\nexport * as outreach from './outreach';\n",
  );
  tree.write(
    'libs/contracts/src/contexts.ts',
    "import type { ContextContract } from './context-contract';\nimport * as lifecycle from './lifecycle';\nimport * as outreach from './outreach';\n\n" +
      'export const CONTEXT_CONTRACTS: readonly ContextContract[] = [lifecycle.contract, outreach.contract];\n',
  );
  for (const app of ['campaign-command', 'projection', 'timer-scheduler', 'analytics-ingest'])
    tree.write(`apps/${app}/src/contexts.ts`, appContexts('AppContext'));
  return tree;
};

const read = (tree: Tree, file: string): string => tree.read(file, 'utf-8') ?? '';
const filesUnder = (tree: Tree, folder: string): string[] => tree.children(folder).sort();

describe('nx g @campaign/tools:context reward-pool', () => {
  let tree: Tree;
  beforeEach(async () => {
    tree = seeded();
    await contextGenerator(tree, { name: 'reward-pool' });
  });

  it('writes the domain folder: aggregate, decider, errors, public API, test builders and decider tests', () => {
    expect(filesUnder(tree, 'libs/domain/src/reward-pool')).toEqual([
      'errors.ts',
      'index.ts',
      'reward-pool.decide.ts',
      'reward-pool.decide.unit.spec.ts',
      'reward-pool.ts',
      'testing.ts',
    ]);
  });

  it("names the aggregate's events, state and evolve in PascalCase and camelCase", () => {
    const aggregate = read(tree, 'libs/domain/src/reward-pool/reward-pool.ts');
    expect(aggregate).toContain("export type RewardPoolCreated = Event<'RewardPoolCreated', { readonly rewardPoolId: string; readonly createdAt: string }>;");
    expect(aggregate).toContain('export type RewardPoolEvent = RewardPoolCreated;');
    expect(aggregate).toContain('export const initialRewardPoolState = (): RewardPoolState => ({ exists: false });');
    expect(aggregate).toContain('export const rewardPoolStreamId = (rewardPoolId: string): string => `reward-pool-${rewardPoolId}`;');
    expect(aggregate).toContain('export const evolveRewardPool = ');
  });

  it('writes a decider with one function per command, an exhaustive switch and a typed rejection', () => {
    const decide = read(tree, 'libs/domain/src/reward-pool/reward-pool.decide.ts');
    expect(decide).toContain("export type CreateRewardPool = Command<'CreateRewardPool', { readonly rewardPoolId: string }>;");
    expect(decide).toContain('export type RewardPoolCommand = CreateRewardPool;');
    expect(decide).toContain('const create = (command: CreateRewardPool, state: RewardPoolState): Decision<RewardPoolEvent> => {');
    expect(decide).toContain('return assertNever(command.type);');
    expect(decide).toContain('export const rewardPoolDecider: Decider<RewardPoolCommand, RewardPoolEvent, RewardPoolState> = {');
    expect(read(tree, 'libs/domain/src/reward-pool/errors.ts')).toContain("REWARD_POOL_ALREADY_EXISTS = 'REWARD_POOL_ALREADY_EXISTS',");
  });

  it("tests the decider with given / when / then and thenRejects, on its own folder's builders", () => {
    const spec = read(tree, 'libs/domain/src/reward-pool/reward-pool.decide.unit.spec.ts');
    expect(spec).toContain("import { REWARD_POOL_ID, create, created, NOW } from './testing';");
    expect(read(tree, 'libs/domain/src/reward-pool/testing.ts')).toContain('export const create = (');
    expect(spec).toContain('given(rewardPoolDecider).when(create()).then([created()]);');
    expect(spec).toMatch(/given\(rewardPoolDecider, \[created\(\)\]\)\s*\.when\(create\(\)\)\s*\.thenRejects\('REWARD_POOL_ALREADY_EXISTS'/);
  });

  it('exports the context from libs/domain after the other contexts', () => {
    expect(read(tree, 'libs/domain/src/index.ts')).toBe(
      "export * from './shared/decider';\nexport * as lifecycle from './lifecycle';\nexport * as outreach from './outreach';\nexport * as rewardPool from './reward-pool';\n",
    );
  });

  it("exports the context's test builders from libs/domain's testing.ts after the other contexts'", () => {
    expect(read(tree, 'libs/domain/src/testing.ts')).toMatch(
      /export \* as outreachTesting from '\.\/outreach\/testing';\nexport \* as rewardPoolTesting from '\.\/reward-pool\/testing';\n$/,
    );
  });

  it('writes the Avro contract and lists it in CONTEXT_CONTRACTS and the contracts index', () => {
    expect(filesUnder(tree, 'libs/contracts/src/reward-pool')).toEqual(['commands.ts', 'events.ts', 'index.ts', 'wire.unit.spec.ts']);
    expect(read(tree, 'libs/contracts/src/reward-pool/index.ts')).toContain(
      "export const contract: ContextContract = { context: 'reward-pool', events: rewardPoolEventSchemas, commands: rewardPoolCommandSchemas };",
    );
    expect(read(tree, 'libs/contracts/src/reward-pool/events.ts')).toContain("const NS = 'campaign.rewardPool.events';");
    const contexts = read(tree, 'libs/contracts/src/contexts.ts');
    expect(contexts).toContain("import * as outreach from './outreach';\nimport * as rewardPool from './reward-pool';\n");
    expect(contexts).toContain('= [lifecycle.contract, outreach.contract, rewardPool.contract];');
    expect(read(tree, 'libs/contracts/src/index.ts')).toMatch(/export \* as outreach from '\.\/outreach';\nexport \* as rewardPool from '\.\/reward-pool';\n$/);
  });

  it.each(['campaign-command', 'projection'])('registers the context in %s: import after the last context, descriptor last in CONTEXTS', (app) => {
    expect(read(tree, `apps/${app}/src/contexts.ts`)).toBe(`import type { AppContext } from './shared/context';
import { lifecycleContext } from './lifecycle/lifecycle.module';
import { outreachContext } from './outreach/outreach.module';
import { rewardPoolContext } from './reward-pool/reward-pool.module';

/** The contexts of this app. */
export const CONTEXTS: readonly AppContext[] = [lifecycleContext, outreachContext, rewardPoolContext];
`);
    expect(tree.exists(`apps/${app}/src/reward-pool/reward-pool.module.ts`)).toBe(true);
    expect(read(tree, `apps/${app}/src/reward-pool/reward-pool.module.ts`)).toContain('export const rewardPoolContext = ');
  });

  it('writes the command side: descriptor, Kafka and HTTP doors, OpenAPI fragment and their integration spec', () => {
    expect(filesUnder(tree, 'apps/campaign-command/src/reward-pool')).toEqual([
      'reward-pool-commands.int.spec.ts',
      'reward-pool-kafka-door.ts',
      'reward-pool.controller.ts',
      'reward-pool.module.ts',
      'reward-pool.openapi.ts',
    ]);
    expect(read(tree, 'apps/campaign-command/src/reward-pool/reward-pool.module.ts')).toContain(
      "new CommandExecutor(store, rewardPool.rewardPoolDecider, executorOptionsFor('reward-pool'))",
    );
  });

  it('writes the read side: schema with one table, its projector, the projection, its seed queries and their spec', () => {
    expect(filesUnder(tree, 'apps/projection/src/reward-pool')).toEqual([
      'reward-pool-seed-queries.int.spec.ts',
      'reward-pool.config.ts',
      'reward-pool.events.ts',
      'reward-pool.module.ts',
      'reward-pool.projection.ts',
      'reward-pool.schema.ts',
      'reward-pools.projector.ts',
      'seed-queries.ts',
    ]);
    expect(read(tree, 'apps/projection/src/reward-pool/reward-pool.schema.ts')).toContain('CREATE TABLE IF NOT EXISTS ${s}.reward_pools (');
    expect(read(tree, 'apps/projection/src/reward-pool/seed-queries.ts')).toContain('SELECT COUNT(*)::int AS count FROM reward_pools;');
  });

  it.each(['timer-scheduler', 'analytics-ingest'])('leaves %s alone without its flag', (app) => {
    expect(read(tree, `apps/${app}/src/contexts.ts`)).toBe(appContexts('AppContext'));
    expect(tree.exists(`apps/${app}/src/reward-pool`)).toBe(false);
  });
});

describe('options', () => {
  it("--aggregate names the aggregate apart from the context; its streams keep the context's name", async () => {
    const tree = seeded();
    await contextGenerator(tree, { name: 'loyalty', aggregate: 'member-card' });
    expect(filesUnder(tree, 'libs/domain/src/loyalty')).toContain('member-card.decide.ts');
    expect(read(tree, 'libs/domain/src/loyalty/member-card.ts')).toContain('`loyalty-member-card-${memberCardId}`');
    expect(read(tree, 'libs/domain/src/loyalty/errors.ts')).toContain('export enum LoyaltyErrorCode {\n  MEMBER_CARD_ALREADY_EXISTS');
  });

  it.each([
    ['timers', 'timer-scheduler'],
    ['ingest', 'analytics-ingest'],
  ] as const)('--%s registers the context in %s too', async (flag, app) => {
    const tree = seeded();
    await contextGenerator(tree, { name: 'loyalty', [flag]: true });
    expect(read(tree, `apps/${app}/src/contexts.ts`)).toContain("import { loyaltyContext } from './loyalty/loyalty.module';");
    expect(read(tree, `apps/${app}/src/contexts.ts`)).toContain('[lifecycleContext, outreachContext, loyaltyContext]');
    expect(tree.exists(`apps/${app}/src/loyalty/loyalty.module.ts`)).toBe(true);
  });

  it('refuses a name that is not kebab-case', async () => {
    await expect(contextGenerator(seeded(), { name: 'RewardPool' })).rejects.toThrow('"RewardPool" is not kebab-case');
  });

  it('refuses the name of the folder contexts share', async () => {
    await expect(contextGenerator(seeded(), { name: 'shared' })).rejects.toThrow('"shared" names the folder contexts share, not a context');
  });

  it('refuses a context that exists, writing nothing', async () => {
    const tree = seeded();
    tree.write('libs/domain/src/lifecycle/campaign.ts', 'export {};\n');
    await expect(contextGenerator(tree, { name: 'lifecycle' })).rejects.toThrow('context lifecycle exists already: libs/domain/src/lifecycle');
    expect(tree.exists('libs/contracts/src/lifecycle')).toBe(false);
    expect(tree.exists('apps/projection/src/lifecycle')).toBe(false);
  });

  it('refuses an app whose contexts.ts has no context import to add after', async () => {
    const tree = seeded();
    tree.write('apps/projection/src/contexts.ts', 'export const CONTEXTS = [];\n');
    await expect(contextGenerator(tree, { name: 'loyalty' })).rejects.toThrow("found no context import (from './<context>/<context>.module')");
  });
});
