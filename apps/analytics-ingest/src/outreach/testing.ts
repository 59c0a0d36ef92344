import { randomUUID } from 'node:crypto';
import { type CommandEnvelope, outreach as outreachWire } from '@campaign/contracts';
import { acceptAll, PlayedCommandSide, waitFor } from '@campaign/testing';
import type { Kafka } from 'kafkajs';
import { type IngestBed, startIngestBed, TRACKING_SECRET, WEBHOOK_SECRET } from '../shared/testing';

export { TRACKING_SECRET, WEBHOOK_SECRET };

/** A fresh org, campaign and contact, and the token the sender would have put in the email. */
export const newSubject = (secret = TRACKING_SECRET) => {
  const subject = { orgId: randomUUID(), campaignId: randomUUID(), contactId: randomUUID() };
  return { ...subject, token: outreachWire.tracking.signTrackingToken(subject, secret) };
};

/** A click link as the sender adapter writes it: the target, signed for the token, and optional link text. */
export const clickPath = (token: string, url: string, text?: string): string =>
  `/v1/track/click/${token}?url=${encodeURIComponent(url)}&sig=${outreachWire.tracking.signClickUrl(token, url, TRACKING_SECRET)}${text === undefined ? '' : `&text=${encodeURIComponent(text)}`}`;

/** Answers every command accepted (the played side's default). */
export const accept = acceptAll;

/**
 * The outreach command side, played over real Kafka (libs/testing's PlayedCommandSide): keeps
 * each command and answers on the results topic.
 */
export class FakeCommandSide extends PlayedCommandSide {
  constructor(kafka: Kafka, prefix: string) {
    super(kafka, prefix, 'outreach');
  }

  commandsFor(contactId: string): CommandEnvelope[] {
    return this.commandsWith('contactId', contactId);
  }

  /** Waits until `count` commands for the contact have arrived and returns them. */
  waitForCommands(contactId: string, count = 1): Promise<CommandEnvelope[]> {
    return waitFor(`${count} command(s) for contact ${contactId}`, async () => {
      const commands = this.commandsFor(contactId);
      return commands.length >= count ? commands : undefined;
    });
  }
}

export type IngestTestbed = IngestBed<FakeCommandSide>;

/** Topics of a unique prefix, the fake command side on them, and the app in-process on a free port. */
export const startIngestTestbed = (overrides: Record<string, string> = {}): Promise<IngestTestbed> =>
  startIngestBed('outreach', (kafka, prefix) => new FakeCommandSide(kafka, prefix), { TRACK_RESPONSE_BUDGET_MS: '2000', ...overrides });

/**
 * What a "nothing was sent" check waits for instead of a fixed time: a LinkedIn profile view of
 * the same contact travels on the same key, hence the same partition, as any command the
 * contact's earlier requests produced, and the command side reads a partition in order — once
 * the sentinel's command has arrived, an earlier one would have too. Returns the contact's
 * commands other than the sentinel.
 */
export const commandsBeforeSentinel = async (
  bed: IngestTestbed,
  subject: { readonly orgId: string; readonly campaignId: string; readonly contactId: string },
): Promise<CommandEnvelope[]> => {
  const token = outreachWire.tracking.signTrackingToken(
    { orgId: subject.orgId, campaignId: subject.campaignId, contactId: subject.contactId },
    TRACKING_SECRET,
  );
  const providerEventId = `sentinel-${randomUUID()}`;
  // Whatever the (played) command side answers, the sentinel's command reached it.
  await fetch(`${bed.url}/v1/webhooks/linkedin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${WEBHOOK_SECRET}` },
    body: JSON.stringify({ token, activity: 'profile_viewed', providerEventId }),
  });
  await waitFor(`the sentinel command for contact ${subject.contactId}`, async () =>
    bed.commandSide.commandsFor(subject.contactId).some((command) => command.correlationId === providerEventId),
  );
  return bed.commandSide.commandsFor(subject.contactId).filter((command) => command.correlationId !== providerEventId);
};
