import { clientIp } from './client-ip';

describe('client IP of a tracking hit', () => {
  it('ignores X-Forwarded-For when no proxy is trusted: anyone can send the header', () => {
    expect(clientIp('203.0.113.7', '192.0.2.10', 0)).toBe('192.0.2.10');
  });

  it('takes the address the trusted proxy appended, not the entries the sender wrote before it', () => {
    // The sender forged "1.2.3.4"; the load balancer (the socket's peer) appended the address it saw.
    expect(clientIp('1.2.3.4, 203.0.113.7', '10.0.0.1', 1)).toBe('203.0.113.7');
  });

  it('walks back one entry per trusted proxy', () => {
    expect(clientIp('203.0.113.7, 10.0.0.2', '10.0.0.1', 2)).toBe('203.0.113.7');
  });

  it('reads several X-Forwarded-For headers as one chain, in order', () => {
    expect(clientIp(['198.51.100.4', '192.0.2.1'], '10.0.0.1', 2)).toBe('198.51.100.4');
  });

  it('takes the leftmost address of a chain shorter than the trusted hops', () => {
    expect(clientIp(undefined, '192.0.2.10', 2)).toBe('192.0.2.10');
    expect(clientIp('203.0.113.7', '10.0.0.1', 5)).toBe('203.0.113.7');
  });

  it('accepts an IPv6 client', () => {
    expect(clientIp('2001:db8::1', '127.0.0.1', 1)).toBe('2001:db8::1');
  });

  it('does not store an entry that is not an IP address', () => {
    expect(clientIp('unknown', '192.0.2.10', 1)).toBeNull();
    expect(clientIp('<script>', '192.0.2.10', 1)).toBeNull();
  });

  it('writes IPv4-mapped IPv6 socket addresses as IPv4', () => {
    expect(clientIp(undefined, '::ffff:127.0.0.1', 0)).toBe('127.0.0.1');
  });

  it('is null when nothing is known', () => {
    expect(clientIp(undefined, undefined, 0)).toBeNull();
  });
});
