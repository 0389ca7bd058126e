/** "Accueil" (home.*): src-shared/home/bridge.ts declares the procedures. */
import type { homeProcedures } from '../../src-shared/home/bridge';
import type { AreaContext } from '../area-context';
import type { HandlersOf } from '../ipc/router';
import { homeView } from './service';

export function homeHandlers(ctx: AreaContext): HandlersOf<typeof homeProcedures> {
  return {
    'home.get': () => ({ ...homeView(ctx.accountData()), lastSyncAt: ctx.work().engine.state().lastSyncAt }),
  };
}
