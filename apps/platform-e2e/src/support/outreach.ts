import { randomUUID } from 'node:crypto';
import { CONTRACT_VERSIONS, outreach as outreachWire } from '@campaign/contracts';
import { KafkaCommandClient } from '@campaign/messaging';
import { signJwt } from '@campaign/runtime';
import { testCommandSigner, testKafka } from '@campaign/testing';
import type { Consumer } from 'kafkajs';
import { type Answer, call } from './http';
import { E2E_SECRETS, type Platform } from './platform';

/** A JWT as the platform's identity provider would issue it (seed 004: org_id, sub, role). */
export const tokenFor = (orgId: string, sub: string, role = 'admin'): string =>
  signJwt({ sub, org_id: orgId, role, exp: Math.floor(Date.now() / 1000) + 3_600 }, E2E_SECRETS.jwt);

export type { Answer };

/** One user's view of the outreach APIs: commands on campaign-command, queries on projection. */
export class OutreachUser {
  constructor(
    private readonly platform: Platform,
    readonly orgId: string,
    readonly userId: string,
    readonly token: string,
  ) {}

  command(method: 'POST' | 'PATCH', path: string, body: unknown = {}): Promise<Answer> {
    return call(method, `${this.platform.url('campaign-command')}/v1/outreach${path}`, this.token, body);
  }

  query(path: string): Promise<Answer> {
    return call('GET', `${this.platform.url('projection')}/v1/outreach${path}`, this.token);
  }
}

/** Registers an org with an admin and two email templates, through the public API. */
export const registerOrganization = async (platform: Platform, name: string) => {
  const orgId = randomUUID();
  const adminId = randomUUID();
  const admin = new OutreachUser(platform, orgId, adminId, tokenFor(orgId, adminId, 'admin'));
  const expectCreated = (answer: Answer) => {
    if (answer.status !== 201) throw new Error(`expected 201, got ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer;
  };
  expectCreated(await admin.command('POST', '/organizations', { orgId, name }));
  expectCreated(
    await admin.command('POST', '/users', { userId: adminId, email: `admin@${orgId.slice(0, 8)}.example.com`, fullName: 'Ada Admin', role: 'admin' }),
  );
  const templates = [randomUUID(), randomUUID()];
  for (const [i, templateId] of templates.entries()) {
    expectCreated(
      await admin.command('POST', '/templates', {
        templateId,
        name: `Variant ${'AB'[i]}`,
        channel: 'email',
        subject: `Hello ${i}`,
        body: 'Hi {{first_name}}, a role for you.',
      }),
    );
  }
  return { orgId, adminId, admin, templates };
};

/**
 * Plays the sender adapter of the outreachWire.DispatchRequest contract: reads dispatch requests and reports
 * each send back as RecordMessageSent over the outreach command topic — unless told to hold one.
 */
export class SenderAdapter {
  readonly requests: outreachWire.DispatchRequest[] = [];
  /** Dispatch ids whose RecordMessageSent was accepted. */
  readonly reported = new Set<string>();
  private readonly consumer: Consumer;
  private readonly commands: KafkaCommandClient;
  private readonly kafka = testKafka();

  constructor(
    private readonly platform: Platform,
    private readonly holds: (request: outreachWire.DispatchRequest) => boolean = () => false,
  ) {
    this.consumer = this.kafka.consumer({ groupId: `sender-${platform.suffix}-${randomUUID()}` });
    this.commands = new KafkaCommandClient(
      this.kafka,
      {
        context: 'outreach',
        topicPrefix: platform.env.TOPIC_PREFIX,
        instanceId: `sender-${randomUUID()}`,
        clientName: 'e2e-sender',
        timeoutMs: 30_000,
        // The sender adapter reports deliveries for every org: an internal service.
        signer: testCommandSigner(['outreach:service'], 'e2e-sender', E2E_SECRETS.jwt),
      },
      { log: () => undefined, warn: () => undefined, error: () => undefined },
    );
  }

  async start(): Promise<void> {
    await this.commands.start();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [outreachWire.dispatchRequestsTopic(this.platform.env.TOPIC_PREFIX)], fromBeginning: true });
    await this.consumer.run({
      eachMessage: async ({ message }) => {
        if (!message.value) return;
        const request = outreachWire.decodeDispatchRequest(message.value);
        this.requests.push(request);
        if (!this.holds(request)) await this.reportSent(request);
      },
    });
  }

  async reportSent(request: outreachWire.DispatchRequest) {
    const result = await this.commands.send(
      {
        commandId: `sent-${request.dispatchId}`,
        type: 'RecordMessageSent',
        schemaVersion: CONTRACT_VERSIONS.outreach.commands.RecordMessageSent,
        context: 'outreach',
        issuedAt: new Date().toISOString(),
        actor: 'service:e2e-sender',
        correlationId: request.dispatchId,
        causationId: null,
        tenant: request.orgId,
        data: {
          campaignId: request.campaignId,
          contactId: request.contactId,
          dispatchId: request.dispatchId,
          provider: 'e2e-smtp',
          messageId: `<${request.dispatchId}@e2e>`,
        },
      },
      `outreach-${request.orgId}/contact/${request.contactId}`,
    );
    if (result.status !== 'ACCEPTED') throw new Error(`RecordMessageSent rejected: ${result.code} ${result.message}`);
    this.reported.add(request.dispatchId);
    return result;
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.commands.stop();
  }
}
