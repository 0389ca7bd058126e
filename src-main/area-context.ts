/**
 * What every area's handlers (src-main/<area>/procedures.ts) are given by the portal core: the
 * open account (its data, cache, documents and sync engine), the Portal API client and the
 * cross-cutting services. The core builds it once (src-main/portal-core.ts); areas never reach
 * into each other, only into this.
 */
import type { Clock } from '../src-shared/clock';
import type { ChooseSavePath } from './documents/service';
import type { AccountData } from './services/account-data';
import type { LandlordService } from './services/landlord';
import type { PortalApi } from './services/portal-api';
import type { OpenAccount, SessionService } from './services/session';
import type { SettingsService } from './services/settings';
import type { DocumentStore } from './storage/document-store';
import type { SyncEngine } from './sync/sync-engine';

/** The open account's work: its cache (in `open`), its kept documents and its sync engine. */
export interface AccountWork {
  open: OpenAccount;
  documents: DocumentStore;
  engine: SyncEngine;
}

export interface AreaContext {
  /** The open account as the area services see it, at this instant (UNAUTHENTICATED when signed out). */
  accountData(): AccountData;
  /** The open account's work (UNAUTHENTICATED when signed out). */
  work(): AccountWork;
  /** The open account's work, or null when signed out (for what also runs without a session). */
  currentWork(): AccountWork | null;
  api: PortalApi;
  session: SessionService;
  /** Sign-out as the tenant asks for it (in kiosk mode it also wipes the renderer's data). */
  signOut(input: { discardUnsent: boolean }): Promise<ReturnType<SessionService['state']>>;
  landlord: LandlordService;
  settings: SettingsService;
  now: Clock;
  /** True on the caretaker's lodge PC: nothing personal may leave it. */
  kiosk: boolean;
  /** Electron: asks where to save a copy of a file (the OS save dialog); null when the tenant cancels. Absent in the preview. */
  chooseSavePath?: ChooseSavePath;
}
