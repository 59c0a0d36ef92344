import { bounceWebhook, linkedInWebhook, problemsOf, replyWebhook, unsubscribeForm } from './webhook.requests';

describe('webhook request bodies', () => {
  it('a bounce needs token, hard or soft, and the provider event id', () => {
    expect(bounceWebhook.safeParse({ token: 't', bounceType: 'hard', providerEventId: 'e1' }).success).toBe(true);
    expect(bounceWebhook.safeParse({ token: 't', bounceType: 'soft', reason: 'mailbox full', providerEventId: 'e1' }).success).toBe(true);
    const bad = bounceWebhook.safeParse({ token: 't', bounceType: 'permanent' });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(problemsOf(bad.error)).toEqual([expect.stringMatching(/^bounceType: /), expect.stringMatching(/^providerEventId: /)]);
  });

  it('bodies are strict: an unknown field is a 400, not silently dropped', () => {
    const parsed = bounceWebhook.safeParse({ token: 't', bounceType: 'hard', providerEventId: 'e1', severity: 'high' });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(problemsOf(parsed.error).join()).toMatch(/severity/);
  });

  it('a reply may name email or linkedin, carry text and a subject, and be flagged automated', () => {
    expect(replyWebhook.safeParse({ token: 't', providerEventId: 'e', channel: 'linkedin', text: 'Yes', subject: 'Re: x', autoReply: false }).success).toBe(
      true,
    );
    expect(replyWebhook.safeParse({ token: 't', providerEventId: 'e', channel: 'phone' }).success).toBe(false);
    expect(replyWebhook.safeParse({ token: 't', providerEventId: 'e', autoReply: 'yes' }).success).toBe(false);
  });

  it('LinkedIn activity is a profile view or a reply', () => {
    expect(linkedInWebhook.safeParse({ token: 't', activity: 'profile_viewed', providerEventId: 'e' }).success).toBe(true);
    expect(linkedInWebhook.safeParse({ token: 't', activity: 'replied', text: 'Hi', providerEventId: 'e' }).success).toBe(true);
    expect(linkedInWebhook.safeParse({ token: 't', activity: 'connected', providerEventId: 'e' }).success).toBe(false);
  });

  it('RFC 8058 one-click unsubscribe: List-Unsubscribe=One-Click or nothing at all', () => {
    expect(unsubscribeForm.safeParse({ 'List-Unsubscribe': 'One-Click' }).success).toBe(true);
    expect(unsubscribeForm.safeParse({}).success).toBe(true);
    expect(unsubscribeForm.safeParse({ 'List-Unsubscribe': 'Maybe' }).success).toBe(false);
  });

  it('identifiers holding U+0000 or a lone surrogate are refused (cleaned, two ids could become one); free text is not judged here', () => {
    const nul = replyWebhook.safeParse({ token: 't', providerEventId: 'e\u0000' });
    expect(nul.success).toBe(false);
    if (!nul.success) expect(problemsOf(nul.error)).toEqual(['providerEventId: must not hold U+0000 or an unpaired surrogate']);
    expect(bounceWebhook.safeParse({ token: 't\ud800', bounceType: 'hard', providerEventId: 'e' }).success).toBe(false);
    expect(replyWebhook.safeParse({ token: 't', providerEventId: 'e', text: 'a\u0000b', subject: '\udc00' }).success).toBe(true);
  });
});
