import { clientIp } from './client-ip';

describe('client IP of a tracking hit', () => {
  it('takes the first hop of X-Forwarded-For', () => {
    expect(clientIp('203.0.113.7, 10.0.0.2, 10.0.0.1', '10.0.0.1')).toBe('203.0.113.7');
  });

  it('accepts an IPv6 first hop', () => {
    expect(clientIp('2001:db8::1', '127.0.0.1')).toBe('2001:db8::1');
  });

  it('uses the first X-Forwarded-For header when several were sent', () => {
    expect(clientIp(['198.51.100.4', '192.0.2.1'], '127.0.0.1')).toBe('198.51.100.4');
  });

  it('falls back to the socket address without X-Forwarded-For', () => {
    expect(clientIp(undefined, '192.0.2.10')).toBe('192.0.2.10');
  });

  it('ignores a first hop that is not an IP address', () => {
    expect(clientIp('unknown, 203.0.113.7', '192.0.2.10')).toBe('192.0.2.10');
    expect(clientIp('<script>', '192.0.2.10')).toBe('192.0.2.10');
  });

  it('writes IPv4-mapped IPv6 socket addresses as IPv4', () => {
    expect(clientIp(undefined, '::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  it('is null when nothing is known', () => {
    expect(clientIp(undefined, undefined)).toBeNull();
  });
});
