import { outreachTracking } from '@campaign/contracts';
import { CONFIG, Public } from '@campaign/runtime';
import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { AnalyticsIngestConfig } from '../config';
import { clickFact, type DedupeWindows, openFact, unsubscribeFact } from './engagement-facts';
import type { FactSubject } from './facts';
import { answerOf, hitOrigin, type IncomingRequest, invalidToken, type OutgoingReply, rejected } from './http';
import { IngestService } from './ingest.service';
import { safeRedirectUrl } from './redirect-url';
import { NO_CACHE_HEADERS, TRANSPARENT_GIF, unsubscribedPage, unsubscribePage } from './tracking.responses';
import { problemsOf, unsubscribeForm } from './webhook.requests';

const textOf = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value.slice(0, 1_000) : null);

/**
 * The links inside sent emails: the open pixel, the click redirect and the unsubscribe link.
 * Each carries a signed tracking token naming org, campaign and contact.
 */
@Controller('v1/track')
export class TrackingController {
  private readonly windows: DedupeWindows;

  constructor(
    @Inject(CONFIG) private readonly config: AnalyticsIngestConfig,
    private readonly ingest: IngestService,
  ) {
    this.windows = { eventTtlSeconds: config.EVENT_DEDUPE_TTL_SECONDS, hitWindowSeconds: config.HIT_DEDUPE_WINDOW_SECONDS };
  }

  private subjectOf(token: string): FactSubject | null {
    return outreachTracking.verifyTrackingToken(token, this.config.TRACKING_SECRET);
  }

  /** Always the pixel, whatever happens: a broken image in someone's mail helps nobody. */
  @Get('open/:token')
  @Public()
  async open(@Param('token') token: string, @Req() request: IncomingRequest, @Res() reply: OutgoingReply): Promise<void> {
    const subject = this.subjectOf(token.replace(/\.gif$/i, ''));
    if (subject) await this.ingest.ingestWithin(openFact(subject, hitOrigin(request, this.config.TRUSTED_PROXY_HOPS), this.windows, Date.now()), this.config.TRACK_RESPONSE_BUDGET_MS);
    reply.code(200).headers({ ...NO_CACHE_HEADERS, 'Content-Type': 'image/gif' }).send(TRANSPARENT_GIF);
  }

  /** Records the click and sends the reader on; only to http(s), never for a forged token. */
  @Get('click/:token')
  @Public()
  async click(@Param('token') token: string, @Query('url') url: unknown, @Query('text') text: unknown, @Req() request: IncomingRequest, @Res() reply: OutgoingReply): Promise<void> {
    const target = safeRedirectUrl(url);
    if (!target) throw rejected(400, 'INVALID_REDIRECT_URL', 'url must be an absolute http or https URL');
    const subject = this.subjectOf(token);
    if (!subject) throw invalidToken();
    const fact = clickFact(subject, { ...hitOrigin(request, this.config.TRUSTED_PROXY_HOPS), url: target, linkText: textOf(text) }, this.windows, Date.now());
    await this.ingest.ingestWithin(fact, this.config.TRACK_RESPONSE_BUDGET_MS);
    reply.headers(NO_CACHE_HEADERS).redirect(target, 302);
  }

  @Get('unsubscribe/:token')
  @Public()
  confirmUnsubscribe(@Param('token') token: string, @Res() reply: OutgoingReply): void {
    if (!this.subjectOf(token)) throw invalidToken();
    reply.code(200).headers({ ...NO_CACHE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' }).send(unsubscribePage());
  }

  /** seed 004: one-click unsubscribe required (RFC 8058: POST `List-Unsubscribe=One-Click`). */
  @Post('unsubscribe/:token')
  @Public()
  @HttpCode(200)
  async unsubscribe(@Param('token') token: string, @Body() body: unknown, @Headers('accept') accept: string | undefined, @Res({ passthrough: true }) reply: OutgoingReply): Promise<object | string> {
    const form = unsubscribeForm.safeParse(body ?? {});
    if (!form.success) throw rejected(400, 'INVALID_REQUEST', 'The unsubscribe body is not valid', { problems: problemsOf(form.error) });
    const subject = this.subjectOf(token);
    if (!subject) throw invalidToken();
    const reason = form.data['List-Unsubscribe'] ? 'list_unsubscribe_one_click' : 'unsubscribe_link';
    const outcome = await this.ingest.ingest(unsubscribeFact(subject, reason, this.windows));
    // Unsubscribing twice (here or from another campaign: it applies globally) is still a success.
    const answer = outcome.status === 'REJECTED' && outcome.code === 'CONTACT_UNSUBSCRIBED' ? { status: 'ACCEPTED' } : answerOf(outcome, reply, this.config.RETRY_AFTER_SECONDS);
    if (!accept?.includes('text/html')) return answer;
    reply.header('Content-Type', 'text/html; charset=utf-8');
    return unsubscribedPage();
  }
}
