/**
 * A loopback HTTP proxy between the desktop core and a real Portal API server, that a test can
 * cut ("the PC is offline": every connection is dropped, as a pulled cable or a dead Wi-Fi
 * looks to fetch) or make fail on chosen requests (a "poison" write the server answers 500 to,
 * every time), while other clients still reach the server directly.
 */
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SwitchableProxy {
  url: string;
  /** Drops every connection until `reconnect()`. */
  cut(): void;
  reconnect(): void;
  /** Answers 500 to the requests `matches` picks (null: none). */
  failWhen(matches: ((request: IncomingMessage) => boolean) | null): void;
  /** Requests answered 500 by `failWhen` so far. */
  failed(): number;
  close(): Promise<void>;
}

export async function startSwitchableProxy(target: string): Promise<SwitchableProxy> {
  const upstream = new URL(target);
  let down = false;
  let poison: ((request: IncomingMessage) => boolean) | null = null;
  let failedCount = 0;
  const server = createServer((incoming, outgoing) => {
    if (down) {
      incoming.socket.destroy();
      return;
    }
    if (poison?.(incoming)) {
      failedCount += 1;
      incoming.resume();
      outgoing.writeHead(500, { 'content-type': 'application/json' });
      outgoing.end(JSON.stringify({ code: 'INTERNAL', message: 'Erreur interne (injectée par le test)' }));
      return;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => incoming.socket.destroy());
    incoming.pipe(forward);
  });
  // Keep-alive sockets opened before a cut do not carry requests through it: cut() closes every
  // connection. (A 1 ms keep-alive timeout did that before, and raced the client's reuse of an
  // idle socket under load: a request written as the proxy closed it failed as "offline".)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    cut() {
      down = true;
      server.closeAllConnections();
    },
    reconnect() {
      down = false;
    },
    failWhen(matches) {
      poison = matches;
    },
    failed: () => failedCount,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
