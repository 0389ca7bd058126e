/**
 * A kiosk session for the crash test, in its own process: signs a tenant in, opens a document
 * (downloaded into the session's temporary folder), prints "ready <folder>", then waits to be
 * killed (SIGKILL, as a power cut would stop it: no wipe runs).
 */
import { clockFromEnv } from '../../helpers/clock';
import { kioskCore } from './kiosk-harness';

const kiosk = kioskCore({ serverUrl: process.env.SERVER_URL!, userDataDir: process.env.USER_DATA!, prefix: process.env.KIOSK_PREFIX!, now: clockFromEnv() });
await kiosk.call('session.signIn', { email: process.env.EMAIL!, password: process.env.PASSWORD! });
await kiosk.core.syncIdle();
const documents = await kiosk.call('documents.get');
const [document] = documents.dossiers.flatMap((dossier: { documents: { sha256: string }[] }) => dossier.documents);
await kiosk.call('documents.open', { sha256: document.sha256 });
console.log(`ready ${kiosk.core.session.current()!.folder}`);
setInterval(() => undefined, 60_000);
