/** Links longer than this are not ours: a sender never writes them, so nothing is redirected. */
export const MAX_REDIRECT_URL_LENGTH = 2_048;

/**
 * The click redirect's target, or null when it must not be followed: only absolute http and
 * https URLs, so the tracker can never be turned into an open redirect to `javascript:`,
 * `data:` or a relative path on this host.
 */
export const safeRedirectUrl = (raw: unknown): string | null => {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_REDIRECT_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.hostname ? url.href : null;
};
