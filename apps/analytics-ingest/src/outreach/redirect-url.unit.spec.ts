import { MAX_REDIRECT_URL_LENGTH, safeRedirectUrl } from './redirect-url';

describe('click redirect target', () => {
  it('follows absolute http and https URLs', () => {
    expect(safeRedirectUrl('https://intime.com/jobs/senior-java-developer')).toBe('https://intime.com/jobs/senior-java-developer');
    expect(safeRedirectUrl('http://example.com/a?b=c#d')).toBe('http://example.com/a?b=c#d');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox',
    'file:///etc/passwd',
    'ftp://example.com/x',
  ])('never redirects to %s (no open redirect to other schemes)', (url) => expect(safeRedirectUrl(url)).toBeNull());

  it.each(['/relative/path', '//evil.example/x', 'example.com', '', 'http://'])('refuses %p, which is not an absolute URL with a host', (url) => {
    expect(safeRedirectUrl(url)).toBeNull();
  });

  it('refuses a missing, repeated or over-long url parameter', () => {
    expect(safeRedirectUrl(undefined)).toBeNull();
    expect(safeRedirectUrl(['https://a.example', 'https://b.example'])).toBeNull();
    expect(safeRedirectUrl(`https://example.com/${'a'.repeat(MAX_REDIRECT_URL_LENGTH)}`)).toBeNull();
  });
});
