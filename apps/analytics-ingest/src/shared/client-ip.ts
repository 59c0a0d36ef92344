import { isIP } from 'node:net';

const unmapped = (address: string): string => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/**
 * The address a tracking hit came from. X-Forwarded-For is written by whoever sends the
 * request, so only the entries the service's own proxies appended can be believed: with
 * `trustedHops` proxies in front (TRUSTED_PROXY_HOPS), the client is the address the outermost
 * of them saw — `trustedHops` places left of the socket's peer in the chain "X-Forwarded-For
 * entries, then the peer". With none trusted (the default) the header is ignored. A chain
 * shorter than that (a request that bypassed a proxy) yields its leftmost address; an entry
 * that is not an IP address (garbage, `unknown`) is not stored.
 */
export const clientIp = (forwardedFor: string | string[] | undefined, socketAddress: string | undefined, trustedHops: number): string | null => {
  const headers = forwardedFor === undefined ? [] : Array.isArray(forwardedFor) ? forwardedFor : [forwardedFor];
  const forwarded = headers
    .flatMap((header) => header.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  const chain = trustedHops > 0 ? [...forwarded, socketAddress ?? ''] : [socketAddress ?? ''];
  const client = chain[Math.max(0, chain.length - 1 - trustedHops)];
  return isIP(unmapped(client)) ? unmapped(client) : null;
};
