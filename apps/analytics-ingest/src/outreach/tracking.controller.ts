import { outreach as outreachWire } from '@campaign/contracts';
import { CONFIG, Public } from '@campaign/runtime';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { AnalyticsIngestConfig } from '../config';
import { hitOrigin, type IncomingRequest, type OutgoingReply, rateLimited, rejected } from '../shared/http';
import { type TrackRoute, TrackingRateLimiter } from '../shared/rate-limit';
import { clickFact, type DedupeWindows, openFact, unsubscribeFact } from './engagement-facts';
import type { FactSubject } from './facts';
import { IngestService } from './ingest.service';
import { answerOf, invalidToken } from './outreach-http';
import { safeRedirectUrl } from './redirect-url';
import { NO_CACHE_HEADERS, TRANSPARENT_GIF, unsubscribedPage, unsubscribePage } from './tracking.responses';
import { problemsOf, unsubscribeForm } from './webhook.requests';

const textOf = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, 1_000) : null);

/**
 * The links inside sent emails: the open pixel, the click redirect and the unsubscribe link.
 * Each carries a signed tracking token naming org, campaign and contact; a click link also
 * signs its target (`sig`, outreachWire.tracking.signClickUrl). All of them are rate limited per
 * client address and per token (TrackingRateLimiter); text U+0000 or a lone surrogate in their
 * path or query is refused with 400 INVALID_TEXT by the shared text guard before they run.
 */
@Controller('v1/track')
export class TrackingController {
  private readonly windows: DedupeWindows;

  constructor(
    @Inject(CONFIG) private readonly config: AnalyticsIngestConfig,
    private readonly ingest: IngestService,
    private readonly limiter: TrackingRateLimiter,
  ) {
    this.windows = { eventTtlSeconds: config.EVENT_DEDUPE_TTL_SECONDS, hitWindowSeconds: config.HIT_DEDUPE_WINDOW_SECONDS };
  }

  private subjectOf(token: string): FactSubject | null {
    return outreachWire.tracking.verifyTrackingToken(token, this.config.TRACKING_SECRET);
  }

  /** Counts the request against its limits; over one, it is answered 429 with Retry-After. */
  private async admit(route: TrackRoute, subject: FactSubject | null, request: IncomingRequest, reply: OutgoingReply): Promise<void> {
    const verdict = await this.limiter.hit({ route, ipAddress: hitOrigin(request, this.config.TRUSTED_PROXY_HOPS).ipAddress, subject });
    if (verdict.limited) throw rateLimited(reply, verdict.scope, verdict.retryAfterSeconds);
  }

  /**
   * The pixel, whatever happens to the fact: a broken image in someone's mail helps nobody. Only
   * over a rate limit is it a 429 (nothing recorded): no reader opens a message that often, and
   * the one who does is told when to come back like on every other link.
   */
  @Get('open/:token')
  @Public()
  async open(@Param('token') token: string, @Req() request: IncomingRequest, @Res() reply: OutgoingReply): Promise<void> {
    const subject = this.subjectOf(token.replace(/\.gif$/i, ''));
    await this.admit('open', subject, request, reply);
    if (subject)
      await this.ingest.ingestWithin(
        openFact(subject, hitOrigin(request, this.config.TRUSTED_PROXY_HOPS), this.windows, Date.now()),
        this.config.TRACK_RESPONSE_BUDGET_MS,
      );
    reply
      .code(200)
      .headers({ ...NO_CACHE_HEADERS, 'Content-Type': 'image/gif' })
      .send(TRANSPARENT_GIF);
  }

  /**
   * Records the click and sends the reader on: only to http(s), never for a forged token, and
   * only to the URL the link was signed for (400 CLICK_SIGNATURE_INVALID otherwise), so a
   * genuine token cannot be used to send readers elsewhere.
   */
  @Get('click/:token')
  @Public()
  async click(
    @Param('token') token: string,
    @Query('url') url: unknown,
    @Query('sig') sig: unknown,
    @Query('text') text: unknown,
    @Req() request: IncomingRequest,
    @Res() reply: OutgoingReply,
  ): Promise<void> {
    const target = safeRedirectUrl(url);
    if (!target) throw rejected(400, 'INVALID_REDIRECT_URL', 'url must be an absolute http or https URL');
    const subject = this.subjectOf(token);
    await this.admit('click', subject, request, reply);
    if (!subject) throw invalidToken();
    // safeRedirectUrl accepted it, so `url` is the one string the sender signed.
    if (!outreachWire.tracking.verifyClickUrl(token, url as string, sig, this.config.TRACKING_SECRET)) {
      throw rejected(400, 'CLICK_SIGNATURE_INVALID', 'The link is not signed for this url (sig)');
    }
    const fact = clickFact(subject, { ...hitOrigin(request, this.config.TRUSTED_PROXY_HOPS), url: target, linkText: textOf(text) }, this.windows, Date.now());
    await this.ingest.ingestWithin(fact, this.config.TRACK_RESPONSE_BUDGET_MS);
    reply.headers(NO_CACHE_HEADERS).redirect(target, 302);
  }

  @Get('unsubscribe/:token')
  @Public()
  async confirmUnsubscribe(@Param('token') token: string, @Req() request: IncomingRequest, @Res() reply: OutgoingReply): Promise<void> {
    const subject = this.subjectOf(token);
    await this.admit('unsubscribe', subject, request, reply);
    if (!subject) throw invalidToken();
    reply
      .code(200)
      .headers({ ...NO_CACHE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' })
      .send(unsubscribePage());
  }

  /** seed 004: one-click unsubscribe required (RFC 8058: POST `List-Unsubscribe=One-Click`). */
  @Post('unsubscribe/:token')
  @Public()
  @HttpCode(200)
  async unsubscribe(
    @Param('token') token: string,
    @Body() body: unknown,
    @Headers('accept') accept: string | undefined,
    @Req() request: IncomingRequest,
    @Res({ passthrough: true }) reply: OutgoingReply,
  ): Promise<object | string> {
    const form = unsubscribeForm.safeParse(body ?? {});
    if (!form.success) throw rejected(400, 'INVALID_REQUEST', 'The unsubscribe body is not valid', { problems: problemsOf(form.error) });
    const subject = this.subjectOf(token);
    await this.admit('unsubscribe', subject, request, reply);
    if (!subject) throw invalidToken();
    const reason = form.data['List-Unsubscribe'] ? 'list_unsubscribe_one_click' : 'unsubscribe_link';
    const outcome = await this.ingest.ingest(unsubscribeFact(subject, reason, this.windows));
    // Unsubscribing twice (here or from another campaign: it applies globally) is still a success.
    const answer =
      outcome.status === 'REJECTED' && outcome.code === 'CONTACT_UNSUBSCRIBED'
        ? { status: 'ACCEPTED' }
        : answerOf(outcome, reply, this.config.RETRY_AFTER_SECONDS);
    if (!accept?.includes('text/html')) return answer;
    reply.header('Content-Type', 'text/html; charset=utf-8');
    return unsubscribedPage();
  }
}
