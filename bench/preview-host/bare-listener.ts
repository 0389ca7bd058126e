// The floor of bench/preview-host: a bare HTTP listener on 127.0.0.1 under the same tsx loader,
// printing its URL the way the preview host does.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const server = createServer((_request, response) => response.end('ok'));
server.listen(0, '127.0.0.1', () => {
  console.log(`Aperçu navigateur : http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
