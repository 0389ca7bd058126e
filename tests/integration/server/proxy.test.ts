/**
 * TRUST_PROXY (server/src/http/proxy.ts): a client cannot choose the address the per-IP limits
 * count by writing its own X-Forwarded-For. Over real HTTP: the test client plays both the
 * tenant and, where it says so, the proxy in front of the server (it connects from 127.0.0.1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseTrustProxy } from '../../../server/src/http/proxy';
import { backends, startServer, type TestServer } from './helpers';

const PER_IP = 3;

describe('TRUST_PROXY values', () => {
  it('reads nothing, a hop count or a list of addresses and ranges, and refuses the rest', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('')).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 192.0.2.7,fd00::/8 ,loopback')).toEqual(['10.0.0.0/8', '192.0.2.7', 'fd00::/8', 'loopback']);
    for (const bad of ['true', 'yes', '*', '10', '-1', '10.0.0.0/33', '300.1.1.1', 'proxy.example.org', '10.0.0.0/8,nope']) {
      expect(() => parseTrustProxy(bad), bad).toThrow(/TRUST_PROXY/);
    }
  });
});

describe.each(backends)('the client address behind proxies ($name)', (backend) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    delete process.env.TRUST_PROXY;
  });

  /** Statuses of PER_IP + 1 recovery requests (distinct emails), each with its X-Forwarded-For. */
  async function recoveries(forwardedFor: (i: number) => string): Promise<number[]> {
    const statuses: number[] = [];
    for (let i = 0; i <= PER_IP; i++) {
      const answer = await server!.api('POST', '/v1/auth/forgot-password', { body: { email: `personne${i}@example.org` }, headers: { 'x-forwarded-for': forwardedFor(i) } });
      statuses.push(answer.status);
    }
    return statuses;
  }
  const limited = [...Array<number>(PER_IP).fill(202), 429];

  it('trusts no one by default: a made-up X-Forwarded-For is ignored', async () => {
    server = await startServer(backend, { demo: false, throttle: { recoveryPerIp: PER_IP } });
    expect(await recoveries((i) => `203.0.113.${i}`)).toEqual(limited);
  });

  it('TRUST_PROXY=1 trusts one hop: the client is the address the proxy appended, not what the client wrote before it', async () => {
    // Before: TRUST_PROXY=1 trusted every hop, so each made-up first entry was a new client.
    process.env.TRUST_PROXY = '1';
    server = await startServer(backend, { demo: false, throttle: { recoveryPerIp: PER_IP } });
    expect(await recoveries((i) => `203.0.113.${i}, 198.51.100.7`)).toEqual(limited);
  });

  it('a list of proxies: only their word counts, and the client is the last address they did not add', async () => {
    server = await startServer(backend, { demo: false, trustProxy: '10.0.0.0/8,127.0.0.1', throttle: { recoveryPerIp: PER_IP } });
    expect(await recoveries((i) => `203.0.113.${i}, 198.51.100.7`)).toEqual(limited);
    // Distinct clients behind the trusted proxy are distinct clients.
    expect(await recoveries((i) => `198.51.100.${100 + i}`)).toEqual(Array<number>(PER_IP + 1).fill(202));
  });

  it('a list without the peer: its X-Forwarded-For is not believed', async () => {
    server = await startServer(backend, { demo: false, trustProxy: '10.0.0.0/8', throttle: { recoveryPerIp: PER_IP } });
    expect(await recoveries((i) => `198.51.100.${i}`)).toEqual(limited);
  });
});
