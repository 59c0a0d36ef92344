import { sanitizeOutsideText, outreach as outreachWire } from '@campaign/contracts';
import { CONFIG, Public, z } from '@campaign/runtime';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res, UseGuards } from '@nestjs/common';
import type { AnalyticsIngestConfig } from '../config';
import { type OutgoingReply, rejected } from '../shared/http';
import { UrlTextGuard } from '../shared/url-text.guard';
import { WEBHOOK_ROUTE } from '../shared/webhook-auth.hook';
import { isAutomatedReply } from './auto-reply';
import { CounterStore } from './engagement-counters.store';
import { bounceFact, type DedupeWindows, linkedInFact, replyFact } from './engagement-facts';
import type { Fact, FactSubject } from './facts';
import { IngestService } from './ingest.service';
import { answerOf, invalidToken } from './outreach-http';
import { bounceWebhook, linkedInWebhook, problemsOf, replyWebhook } from './webhook.requests';

/**
 * A webhook's body, checked, then its text made storable: a reply with U+0000 or a lone
 * surrogate in it is still a reply, recorded with U+FFFD there (refused, it would be lost).
 * Every problem of the body, such a character in an identifier included, is a 400 listing them.
 */
const parse = <S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> => {
  const parsed = schema.safeParse(body ?? {});
  if (parsed.success) return sanitizeOutsideText(parsed.data);
  throw rejected(400, 'INVALID_REQUEST', 'The request body is not valid', { problems: problemsOf(parsed.error) });
};

/** Facts pushed by the email and LinkedIn providers, and the counters they feed. */
@Controller('v1')
@UseGuards(UrlTextGuard)
export class WebhooksController {
  private readonly windows: DedupeWindows;

  constructor(
    @Inject(CONFIG) private readonly config: AnalyticsIngestConfig,
    private readonly ingest: IngestService,
    private readonly counters: CounterStore,
  ) {
    this.windows = { eventTtlSeconds: config.EVENT_DEDUPE_TTL_SECONDS, hitWindowSeconds: config.HIT_DEDUPE_WINDOW_SECONDS };
  }

  private subjectOf(token: string): FactSubject {
    const subject = outreachWire.tracking.verifyTrackingToken(token, this.config.TRACKING_SECRET);
    if (!subject) throw invalidToken();
    return subject;
  }

  private async deliver(fact: Fact, reply: OutgoingReply): Promise<object> {
    return answerOf(await this.ingest.ingest(fact), reply, this.config.RETRY_AFTER_SECONDS);
  }

  @Post('webhooks/bounces')
  // Providers authenticate with the webhook secret (checked before the body is read), not a
  // user token; their text is cleaned by `parse` rather than refused by the text guard.
  @Public(WEBHOOK_ROUTE)
  @HttpCode(200)
  bounce(@Body() body: unknown, @Res({ passthrough: true }) reply: OutgoingReply): Promise<object> {
    const request = parse(bounceWebhook, body);
    return this.deliver(bounceFact(this.subjectOf(request.token), request, this.windows), reply);
  }

  @Post('webhooks/replies')
  // Providers authenticate with the webhook secret (checked before the body is read), not a
  // user token; their text is cleaned by `parse` rather than refused by the text guard.
  @Public(WEBHOOK_ROUTE)
  @HttpCode(200)
  async replyReceived(@Body() body: unknown, @Res({ passthrough: true }) reply: OutgoingReply): Promise<object> {
    const request = parse(replyWebhook, body);
    const fact = replyFact(this.subjectOf(request.token), request, this.windows);
    // seed 004: responses_received excludes automated replies (Out of Office).
    if (isAutomatedReply(request)) {
      this.ingest.ignore(fact, 'auto_reply');
      return { status: 'IGNORED', reason: 'AUTO_REPLY' };
    }
    return this.deliver(fact, reply);
  }

  @Post('webhooks/linkedin')
  // Providers authenticate with the webhook secret (checked before the body is read), not a
  // user token; their text is cleaned by `parse` rather than refused by the text guard.
  @Public(WEBHOOK_ROUTE)
  @HttpCode(200)
  linkedIn(@Body() body: unknown, @Res({ passthrough: true }) reply: OutgoingReply): Promise<object> {
    const request = parse(linkedInWebhook, body);
    return this.deliver(linkedInFact(this.subjectOf(request.token), request, this.windows), reply);
  }

  @Get('ingest/campaigns/:campaignId/counters')
  // Read with the webhook secret, not a user token.
  @Public({ webhook: true })
  async campaignCounters(@Param('campaignId') campaignId: string): Promise<object> {
    if (!z.string().uuid().safeParse(campaignId).success) throw rejected(400, 'INVALID_REQUEST', 'campaignId must be a UUID');
    return { campaignId, counters: await this.counters.read(campaignId) };
  }
}
