import { ContractError, decodeEvent, topicsFor } from '@campaign/contracts';
import { completeProducer, groupConsumer, KafkaCommandClient, type PartitionBatch, rawDeadLetter, runBatchConsumer } from '@campaign/messaging';
import { CONFIG, createCommandSigner, HealthRegistry, JsonLogger, KAFKA, LOGGER } from '@campaign/runtime';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { AgentMetrics } from './agent.metrics';
import { agentGroupOf, type ReferenceAgentConfig } from './config';
import { dispatchOf, type StepDispatch } from './step-dispatch';
import { AGENT_SCOPE, reportEnvelope } from './step-report';
import { reportFor } from './step-work';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads `<prefix>orchestration.events` in the agent's consumer group, takes the StepDispatched
 * of the agent types it serves, does each step (after AGENT_DELAY_MS) and answers CompleteStep
 * or FailStep on `<prefix>orchestration.commands`, signed with scope `orchestration:agent`. The
 * offsets move once the brokers hold the reports (acks from every in-sync replica): from there the
 * command side decides each one whenever it reads it, so the agent does not wait for the answers
 * (counted and logged as they come) and a completion reaches the next dispatch sooner. A batch
 * whose reports the brokers do not take fails and is read again: its reports go out under the same
 * command ids, which the command side answers from the first outcome. A dispatch the agent cannot
 * read goes to the context's dead-letter topic and never blocks its partition.
 */
@Injectable()
export class DispatchConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;
  private readonly client: KafkaCommandClient;
  private readonly topics;
  private readonly actor: string;
  private readonly group: string;

  constructor(
    @Inject(CONFIG) private readonly config: ReferenceAgentConfig,
    @Inject(LOGGER) private readonly log: JsonLogger,
    @Inject(KAFKA) private readonly kafka: Kafka,
    private readonly health: HealthRegistry,
    private readonly metrics: AgentMetrics,
  ) {
    this.topics = topicsFor('orchestration', config.TOPIC_PREFIX);
    this.actor = `service:${config.SERVICE_NAME}`;
    this.group = agentGroupOf(config);
    this.client = new KafkaCommandClient(
      kafka,
      {
        context: 'orchestration',
        topicPrefix: config.TOPIC_PREFIX,
        instanceId: config.INSTANCE_ID,
        clientName: config.SERVICE_NAME,
        timeoutMs: config.COMMAND_TIMEOUT_MS,
        signer: createCommandSigner(config, config.SERVICE_NAME, [AGENT_SCOPE]),
      },
      log,
    );
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.client.start();
    this.producer = completeProducer(this.kafka, { idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false }, this.log);
    await this.producer.connect();
    const { consumer, check } = groupConsumer(this.kafka, { groupId: this.group, sessionTimeoutMs: this.config.KAFKA_SESSION_TIMEOUT_MS });
    this.health.register('dispatch-consumer', check);
    const onFailure = () => this.metrics.trouble.inc({ outcome: 'batch-failed' });
    const batches = await runBatchConsumer(consumer, { topics: [this.topics.events], handle: (batch) => this.handle(batch), onFailure }, this.log);
    this.health.register('dispatch-consumer-batches', batches.check);
    this.consumer = consumer;
    this.log.log('agent serving', { group: this.group, agentTypes: this.config.AGENT_TYPES ?? '*', delayMs: this.config.AGENT_DELAY_MS });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer?.disconnect();
    await this.client.stop();
    await this.producer?.disconnect();
  }

  private async handle({ topic, partition, messages }: PartitionBatch): Promise<void> {
    const dispatches: StepDispatch[] = [];
    const letters: Message[] = [];
    for (const message of messages) {
      try {
        const dispatch = dispatchOf(decodeEvent(message.value ?? Buffer.alloc(0)), this.config.AGENT_TYPES);
        if (dispatch) dispatches.push(dispatch);
      } catch (error) {
        this.log.warn('dispatch the agent cannot read set aside', { topic, partition, offset: message.offset, error: (error as Error).message });
        letters.push(rawDeadLetter(message, { topic, partition }, this.group, (error as Error).message));
      }
    }
    // Set aside before the offsets move: a crash here reads the batch again, idempotently.
    if (letters.length > 0) {
      await this.producer?.send({ topic: this.topics.deadLetter, acks: -1, messages: letters });
      this.metrics.trouble.inc({ outcome: 'dead-lettered' }, letters.length);
    }
    // Steps are independent work: done side by side, each answered under its own command id.
    await Promise.all(dispatches.map((dispatch) => this.serve(dispatch)));
  }

  private async serve(dispatch: StepDispatch): Promise<void> {
    if (this.config.AGENT_DELAY_MS > 0) await sleep(this.config.AGENT_DELAY_MS);
    const report = reportFor(dispatch, this.config.AGENT_DELAY_MS);
    const { envelope, key } = reportEnvelope(dispatch, report, this.actor, new Date().toISOString());
    const labels = { agent_type: dispatch.agentType, report: report.type };
    const step = { workflowId: dispatch.workflowId, stepKey: dispatch.stepKey, attempt: dispatch.attempt, commandId: envelope.commandId };
    const { sent, result } = this.client.submit(envelope, key);
    try {
      // Held by the brokers, the report will be decided: the offsets may move on to the next work.
      await sent;
    } catch (error) {
      // A report that does not fit the contract stays unsendable whatever is tried again.
      if (!(error instanceof ContractError)) throw error;
      this.metrics.reports.inc({ ...labels, status: 'UNSENDABLE' });
      this.log.error('step report does not fit its contract; not sent', { ...step, error: error.message });
      return;
    }
    // Its answer comes when the command side has decided it: counted and logged, never awaited.
    void result.then(
      (answer) => {
        this.metrics.reports.inc({ ...labels, status: answer.status });
        if (answer.status === 'REJECTED') this.log.warn('step report rejected', { ...step, code: answer.code, message: answer.message });
        else this.log.debug('step reported', { ...step, report: report.type });
      },
      (error: Error) => {
        this.metrics.reports.inc({ ...labels, status: 'UNANSWERED' });
        this.log.warn('step report not answered yet; the command side decides it when it reads it', { ...step, error: error.message });
      },
    );
  }
}
