/** The caretaker's space (caretaker.*): src-shared/caretaker/bridge.ts declares the procedures. */
import type { caretakerProcedures } from '../../src-shared/caretaker/bridge';
import type { HandlersOf } from '../ipc/router';
import type { CaretakerService } from './service';

/** The core owns the service: the kiosk's end of session wipes it too. */
export function caretakerHandlers(caretaker: CaretakerService): HandlersOf<typeof caretakerProcedures> {
  return {
    'caretaker.state': () => caretaker.state(),
    'caretaker.signIn': (input) => caretaker.signIn(input),
    'caretaker.verifyCode': (input) => caretaker.verifyCode(input),
    'caretaker.signOut': (input) => caretaker.signOut(input),
    'caretaker.list': (input) => caretaker.list(input),
    'caretaker.get': (input) => caretaker.get(input),
    'caretaker.photo': (input) => caretaker.photo(input),
    'caretaker.reply': (input) => caretaker.reply(input),
    'caretaker.setStatus': (input) => caretaker.setStatus(input),
  };
}
