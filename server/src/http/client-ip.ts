import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/** Who a request comes from, as every rate limit counts it (an IPv4 address or an IPv6 /64). */
export type ClientIpOf = (c: Context) => string;

/** An address as written in a socket or an X-Forwarded-For entry, in one spelling; null if it is not one. */
function normalize(raw: string): string | null {
  let address = raw.trim();
  // "[2001:db8::1]:443" and "203.0.113.7:51234": some proxies add the client's port
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  // a dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) address = mapped[1]!;
  const family = isIP(address);
  if (family === 4) return address;
  if (family === 6) return address.toLowerCase();
  return null;
}

/** The trusted proxies (TRUSTED_PROXIES: IPs or CIDRs); throws, naming the entry, for one that is neither. */
export function trustedProxyList(entries: readonly string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const bits = prefix === undefined ? undefined : /^\d{1,3}$/.test(prefix) ? Number(prefix) : NaN;
    if (!family || rest.length || (bits !== undefined && !(bits <= (family === 4 ? 32 : 128)))) {
      throw new Error(`不是 IP 地址或网段：${entry}`);
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    if (bits === undefined) list.addAddress(normalize(address)!, type);
    else list.addSubnet(address, bits, type);
  }
  return list;
}

/**
 * How an IPv6 client is counted: by its /64, which one subscriber line or device is given whole
 * (counting single addresses would let it take a new one for every guess).
 */
function ipv6Network(address: string): string {
  // an embedded IPv4 tail (64:ff9b::192.0.2.1) is two groups
  const v4Groups = (v4: string) => {
    const [a = 0, b = 0, c = 0, d = 0] = v4.split('.').map(Number);
    return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
  };
  const groups = (part: string) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? v4Groups(g) : [g])) : []);
  const [head = '', tail] = address.split('%')[0]!.split('::');
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const all = [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** What a client is counted as: an IPv4 address, or an IPv6 /64. */
const counted = (address: string) => (isIP(address) === 6 ? ipv6Network(address) : address);

/**
 * The client's address: the connecting one, unless that is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy (what is left of it the client wrote
 * itself). Without trusted proxies the header is never read, so a client cannot name itself.
 * 'unknown' for in-process requests (tests, the demo's own provider calls).
 */
export function clientAddressResolver(trusted: BlockList | null): ClientIpOf {
  const isTrusted = (address: string) => trusted!.check(address, isIP(address) === 4 ? 'ipv4' : 'ipv6');
  return (c) => {
    let peer: string | undefined;
    try {
      peer = getConnInfo(c).remote.address;
    } catch {
      return 'unknown';
    }
    if (!peer) return 'unknown';
    let client = normalize(peer);
    if (!client) return peer;
    if (!trusted || !isTrusted(client)) return client;
    const hops = c.req.header('x-forwarded-for')?.split(',') ?? [];
    for (let i = hops.length - 1; i >= 0; i--) {
      const hop = normalize(hops[i]!);
      // an entry that is no address names no one: the last trusted hop stands for the client
      if (!hop) return client;
      if (!isTrusted(hop)) return hop;
      client = hop;
    }
    return client;
  };
}

/** The client as every rate limit counts it: its address (clientAddressResolver), an IPv6 one by its /64. */
export function clientIpResolver(trusted: BlockList | null): ClientIpOf {
  const addressOf = clientAddressResolver(trusted);
  return (c) => {
    const address = addressOf(c);
    return isIP(address) ? counted(address) : address;
  };
}

/** Whether an address is on a list of IPs and CIDRs (METRICS_ALLOW). */
export function addressMatcher(entries: readonly string[]): (address: string) => boolean {
  const list = trustedProxyList(entries);
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
