import { decodeEvent, type EventEnvelope, outreach as outreachWire } from '@campaign/contracts';
import type { outreach } from '@campaign/domain';
import { type LetterOrigin, rawDeadLetter } from '@campaign/messaging';
import type { JsonLogger } from '@campaign/runtime';
import type { KafkaMessage, Message, Producer } from 'kafkajs';
import type { AutoCompleter } from './auto-completer';
import { dispatchRequestOf, type TrackingSettings } from './dispatch-request.builder';
import type { CampaignRow } from './dispatch-state';
import type { AppliedBatch, DispatchStateStore } from './dispatch-state.store';
import { summaryNotificationOf } from './owner-summary';

export interface FollowerTopics {
  readonly dispatchRequests: string;
  /** seed 004 On Completion: the owners' summary emails. */
  readonly ownerNotifications: string;
  readonly deadLetter: string;
}

/** Names this consumer in its dead letters. */
const FOLLOWER_NAME = 'outreach-dispatch-follower';
const UNKNOWN_ORIGIN: LetterOrigin = { topic: '', partition: -1 };

/**
 * Keeps the dispatcher's state following the outreach events, one partition batch at a time.
 * The dispatch requests a batch decides, and the owners' completion summaries it claims, are
 * published before its transaction commits (and so before Kafka's offsets move): at least once;
 * the sender adapter de-duplicates by dispatchId and notificationId.
 */
export class DispatchStateFollower {
  constructor(
    private readonly store: DispatchStateStore,
    private readonly producer: Pick<Producer, 'send' | 'sendBatch'>,
    private readonly completer: AutoCompleter,
    private readonly topics: FollowerTopics,
    private readonly tracking: TrackingSettings,
    private readonly log: Pick<JsonLogger, 'error'>,
  ) {}

  /** `origin`: where the messages were read, named in the dead letter of one that is not an event. */
  async handle(messages: readonly KafkaMessage[], now: () => Date = () => new Date(), origin: LetterOrigin = UNKNOWN_ORIGIN): Promise<AppliedBatch> {
    const events = await this.decodeAll(messages, origin);
    const applied = await this.store.applyBatch(events, (batch) => this.publishRequests(batch));
    await this.completer.evaluate(touchedActive(applied), now());
    return applied;
  }

  private async publishRequests(batch: AppliedBatch): Promise<void> {
    const requests: Message[] = [];
    for (const event of batch.fresh) {
      if (event.type !== 'ContactDispatchRequested') continue;
      const requested = event.data as outreach.ContactDispatchRequested['data'];
      const contact = batch.contacts.get(requested.contactId);
      // Already reported sent or failed (or the contact left) within this batch: nothing left to ask for.
      if (!contact || contact.outstanding_dispatch_id !== requested.dispatchId) continue;
      const request = dispatchRequestOf(requested, contact, this.tracking);
      requests.push({
        key: outreachWire.dispatchRequestKey(request.orgId),
        value: outreachWire.encodeDispatchRequest(request),
        headers: { 'dispatch-id': request.dispatchId },
      });
    }
    // seed 004 On Completion: the owner's summary email, claimed once per completion by the store.
    const notifications: Message[] = batch.summaries.map(({ notificationId, completion, owner }) => ({
      key: outreachWire.ownerNotificationKey(completion.orgId),
      value: outreachWire.encodeOwnerNotification(summaryNotificationOf(completion, notificationId, owner)),
      headers: { 'notification-id': notificationId },
    }));
    const topicMessages = [
      { topic: this.topics.dispatchRequests, messages: requests },
      { topic: this.topics.ownerNotifications, messages: notifications },
    ].filter((t) => t.messages.length > 0);
    if (topicMessages.length > 0) await this.producer.sendBatch({ acks: -1, topicMessages });
  }

  /** A message that is not an event goes to the dead-letter topic; it never blocks the partition. */
  private async decodeAll(messages: readonly KafkaMessage[], origin: LetterOrigin): Promise<EventEnvelope[]> {
    const events: EventEnvelope[] = [];
    const letters: Message[] = [];
    for (const message of messages) {
      try {
        events.push(decodeEvent(message.value ?? Buffer.alloc(0)));
      } catch (error) {
        letters.push(rawDeadLetter(message, origin, FOLLOWER_NAME, (error as Error).message));
      }
    }
    if (letters.length > 0) {
      this.log.error('undecodable events set aside to the dead-letter topic', { count: letters.length });
      await this.producer.send({ topic: this.topics.deadLetter, acks: -1, messages: letters });
    }
    return events;
  }
}

const touchedActive = (applied: AppliedBatch): CampaignRow[] =>
  [...applied.changedCampaigns].map((id) => applied.campaigns.get(id)).filter((c): c is CampaignRow => c?.status === 'active');
