/** The open pixel: a 1×1 transparent GIF (GIF89a, one transparent colour). */
export const TRANSPARENT_GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Every hit must reach us: no browser, proxy or mail client may answer from a cache. */
export const NO_CACHE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store, no-cache, must-revalidate, private, max-age=0',
  Pragma: 'no-cache',
  Expires: '0',
};

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
  `<meta name="robots" content="noindex"><title>${title}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">${body}</body></html>`;

/**
 * The unsubscribe link's page. It asks before acting, because link scanners follow GET links;
 * the button POSTs the RFC 8058 one-click body to the same URL.
 */
export const unsubscribePage = (): string =>
  page(
    'Unsubscribe',
    `<h1>Unsubscribe</h1><p>Stop receiving these messages?</p>` +
      `<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
  );

export const unsubscribedPage = (): string => page('Unsubscribed', '<h1>You are unsubscribed</h1><p>You will not receive these messages again.</p>');
