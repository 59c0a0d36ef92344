/**
 * The orchestration bench's system under test: campaign-command (the Kafka door, the deciders,
 * the event store, the relay) and the reference agent, as processes (libs/testing `startApp`),
 * on schemas, topics and groups of their own. The projection and the timer-scheduler are not
 * started: a dispatch is the event on the topic, and no step times out or retries here.
 *
 * Set-up (not timed): one org, BENCH_ORCHESTRATION_ORCHESTRATORS orchestrators of the diamond
 * template (over HTTP, see createOrchestrator) and BENCH_ORCHESTRATION_CAMPAIGNS campaigns
 * (through the Kafka door as a service, scope `orchestration:service`, so the bench names the
 * ids). Then every StartWorkflow is sent through the Kafka door
 * at once, keyed by its orchestrator's stream as the door wants, and the run lasts until every
 * workflow's WorkflowCompleted is on the events topic.
 */
import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, type CommandResult, partitionKeyOf, topicsFor } from '@campaign/contracts';
import { orchestration } from '@campaign/domain';
import { KafkaCommandClient } from '@campaign/messaging';
import { JsonLogger } from '@campaign/runtime';
import { type RunningApp, freePort, startApp, testKafka } from '@campaign/testing';
import type { Pool } from 'pg';
import { adsAppsEnv, userAuth } from './ads-apps';
import { benchSigner } from './app-env';
import { diamondTemplate } from './orchestration-template';
import { RunWatch } from './orchestration-watch';
import { rssMegabytes } from './stats';

export interface SystemSettings {
  readonly workflows: number;
  readonly orchestrators: number;
  readonly campaigns: number;
  readonly agentDelayMs: number;
  readonly timeoutMs: number;
  readonly stallMs: number;
}

export interface SystemRun {
  readonly watch: RunWatch;
  /** Epoch ms when the first StartWorkflow was handed to the producer. */
  readonly startedAt: number;
  /** Epoch ms when the last StartWorkflow's result came back. */
  readonly lastStartAcceptedAt: number;
  /** Epoch ms when the last WorkflowCompleted reached the bench. */
  readonly finishedAt: number;
  readonly setupSeconds: number;
  readonly rssMb: Record<string, number | null>;
}

const envelope = (type: string, tenant: string, data: Record<string, unknown>): CommandEnvelope => ({
  commandId: randomUUID(),
  type,
  schemaVersion: 1,
  context: 'orchestration',
  issuedAt: new Date().toISOString(),
  actor: 'service:bench',
  correlationId: null,
  causationId: null,
  tenant,
  data,
});

const accepted = (what: string, results: readonly CommandResult[]): void => {
  const rejected = results.find((result) => result.status !== 'ACCEPTED');
  if (rejected) throw new Error(`${what}: ${results.filter((r) => r.status !== 'ACCEPTED').length} rejected, e.g. ${rejected.code}: ${rejected.message}`);
};

interface Plan {
  readonly orgId: string;
  readonly orchestratorIds: readonly string[];
  readonly campaignIds: readonly string[];
  readonly workflowIds: readonly string[];
}

/** A template step as the HTTP door's body gives it (snake_case, as the seed's columns). */
const httpStep = (step: orchestration.StepTemplate) => ({
  key: step.key,
  name: step.name,
  agent_type: step.agentType,
  depends_on: step.dependsOn,
  timeout_ms: step.timeoutMs,
  max_attempts: step.maxAttempts,
  backoff: { initial_delay_ms: step.backoff.initialDelayMs, multiplier: step.backoff.multiplier, max_delay_ms: step.backoff.maxDelayMs },
  input: step.input,
});

/**
 * An orchestrator of the diamond template, made by an admin of the org over HTTP: the Kafka door
 * refuses CreateOrchestrator today (its steps arrive as Avro record instances, which the
 * template's checks do not take for objects: TEMPLATE_STEP_INVALID). The door names the id.
 */
const createOrchestrator = async (url: string, orgId: string): Promise<string> => {
  const response = await fetch(`${url}/v1/orchestration/orchestrators`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...userAuth(orgId, 'admin') },
    body: JSON.stringify({ name: 'Diamonds', steps: diamondTemplate().map(httpStep) }),
  });
  const body = (await response.json()) as { orchestratorId?: string };
  if (response.status !== 201 || !body.orchestratorId) throw new Error(`CreateOrchestrator answered ${response.status}: ${JSON.stringify(body)}`);
  return body.orchestratorId;
};

/** The org's orchestrators (over HTTP, above) and campaigns (through the Kafka door, as a service naming the ids). */
const setUp = async (client: KafkaCommandClient, url: string, s: SystemSettings): Promise<Plan> => {
  const orgId = randomUUID();
  const orchestratorIds = await Promise.all(Array.from({ length: s.orchestrators }, () => createOrchestrator(url, orgId)));
  const campaignIds = Array.from({ length: s.campaigns }, () => randomUUID());
  const none = {
    description: null,
    strategyId: null,
    orchestratorId: null,
    priority: null,
    scheduledStart: null,
    deadline: null,
    budget: null,
    targetAudience: null,
  };
  const campaigns = campaignIds.map((campaignId, i) =>
    client.send(
      envelope('CreateCampaign', orgId, { campaignId, name: `Bench campaign ${i}`, ...none }),
      partitionKeyOf(orchestration.campaignStreamId(orgId, campaignId)),
    ),
  );
  accepted('CreateCampaign', await Promise.all(campaigns));
  return { orgId, orchestratorIds, campaignIds, workflowIds: Array.from({ length: s.workflows }, () => randomUUID()) };
};

const startWorkflows = (client: KafkaCommandClient, plan: Plan): Promise<CommandResult[]> =>
  Promise.all(
    plan.workflowIds.map((workflowId, i) => {
      const orchestratorId = plan.orchestratorIds[i % plan.orchestratorIds.length];
      const campaignId = plan.campaignIds[i % plan.campaignIds.length];
      return client.send(
        envelope('StartWorkflow', plan.orgId, { orchestratorId, workflowId, campaignId, variant: null }),
        partitionKeyOf(orchestration.orchestratorStreamId(plan.orgId, orchestratorId)),
      );
    }),
  );

/** When each agent report was appended, read from the run's event store (see RunWatch.appended). */
const readAppendTimes = async (pg: Pool, schema: string, watch: RunWatch): Promise<void> => {
  const steps = new Map([...watch.reported].map(([step, report]) => [report.commandId, step]));
  const { rows } = await pg.query<{ command_id: string; at: number }>(
    `SELECT command_id, extract(epoch FROM processed_at) * 1000 AS at FROM "${schema}".processed_commands
      WHERE context = 'orchestration' AND command_id = ANY($1::text[])`,
    [[...steps.keys()]],
  );
  for (const row of rows) watch.appended.set(steps.get(row.command_id) as string, Number(row.at));
};

const startApps = async (suffix: string, s: SystemSettings): Promise<{ env: Record<string, string>; apps: RunningApp[] }> => {
  const env = adsAppsEnv(suffix);
  const apps: RunningApp[] = [];
  try {
    // campaign-command first: it creates the run's topics the agent reads and writes.
    apps.push(await startApp('campaign-command', await freePort(), env));
    const agentEnv = { ...env, AGENT_GROUP: `bench-agent-${suffix}`, AGENT_DELAY_MS: String(s.agentDelayMs) };
    apps.push(await startApp('reference-agent', await freePort(), agentEnv));
    return { env, apps };
  } catch (error) {
    for (const app of apps) await app.stop().catch(() => undefined);
    throw error;
  }
};

export const runSystem = async (pg: Pool, suffix: string, s: SystemSettings): Promise<SystemRun> => {
  const { env, apps } = await startApps(suffix, s);
  const topics = topicsFor('orchestration', env.TOPIC_PREFIX);
  const options = {
    context: 'orchestration',
    topicPrefix: env.TOPIC_PREFIX,
    instanceId: suffix,
    clientName: 'bench-orchestration',
    timeoutMs: s.timeoutMs,
    signer: benchSigner,
  };
  const client = new KafkaCommandClient(testKafka(), options, new JsonLogger('bench', 'error'));
  let watch: RunWatch | null = null;
  try {
    await client.start();
    const setupStart = performance.now();
    const plan = await setUp(client, apps[0].url, s);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    watch = new RunWatch(new Set(plan.workflowIds));
    await watch.start(topics.events, topics.commands);
    const startedAt = Date.now();
    const done = watch.allCompleted(s.timeoutMs, s.stallMs);
    const started = startWorkflows(client, plan).then((results) => {
      accepted('StartWorkflow', results);
      return Date.now();
    });
    // A stalled run fails at once, not when the starts' own wait for their answers runs out.
    const lastStartAcceptedAt = await Promise.race([started, done.then(() => started)]);
    await done;
    await readAppendTimes(pg, env.EVENTSTORE_SCHEMA, watch);
    const finishedAt = Math.max(...watch.workflowsCompleted.values());
    const rssMb = Object.fromEntries(apps.map((app) => [app.name, rssMegabytes(app.process.pid ?? 0)]));
    return { watch, startedAt, lastStartAcceptedAt, finishedAt, setupSeconds, rssMb };
  } catch (error) {
    for (const app of apps) process.stderr.write(`--- ${app.name} logs ---\n${app.logs.join('').slice(-4_000)}\n`);
    throw error;
  } finally {
    await watch?.stop();
    await client.stop().catch(() => undefined);
    for (const app of apps) await app.stop().catch((error: Error) => process.stderr.write(`${error.message}\n`));
  }
};
