import { isIP } from 'node:net';

const unmapped = (address: string): string => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/**
 * The address a tracking hit came from: the first hop of X-Forwarded-For when a proxy in front
 * of the service set one (the client as the outermost proxy saw it), else the socket's peer.
 * A first hop that is not an IP address (garbage, `unknown`) is ignored rather than stored.
 */
export const clientIp = (forwardedFor: string | string[] | undefined, socketAddress: string | undefined): string | null => {
  const header = Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor;
  const firstHop = header?.split(',')[0]?.trim();
  if (firstHop && isIP(firstHop)) return unmapped(firstHop);
  return socketAddress ? unmapped(socketAddress) : null;
};
