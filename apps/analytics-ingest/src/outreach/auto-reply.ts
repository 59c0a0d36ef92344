/**
 * seed 004: responses_received excludes automated replies (Out of Office).
 *
 * The heuristic, kept small on purpose: a reply is automated when the provider says so
 * (`autoReply: true`, which providers derive from RFC 3834's Auto-Submitted header or
 * X-Autoreply), or when its subject opens with a well-known auto-reply prefix. The body text is
 * not inspected: a person may well write "I'm out of office next week, but interested".
 */
const AUTO_REPLY_SUBJECT =
  /^\s*(auto(matic|matische)?[\s_-]*(reply|response|antwort)|out[\s-]+of[\s-]+(the[\s-]+)?office|ooo\b|abwesenheitsnotiz|r[ée]ponse automatique|autosvar)/i;

export interface ReplySignals {
  readonly autoReply?: boolean;
  readonly subject?: string | null;
}

export const isAutomatedReply = ({ autoReply, subject }: ReplySignals): boolean =>
  autoReply === true || (typeof subject === 'string' && AUTO_REPLY_SUBJECT.test(subject));
