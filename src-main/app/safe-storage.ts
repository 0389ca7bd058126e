/** SecretStore over the OS keychain (DPAPI on Windows, Keychain on macOS). */
import { safeStorage } from 'electron';
import type { SecretStore } from '../storage/secrets';

export const safeStorageSecretStore: SecretStore = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (sealed) => safeStorage.decryptString(sealed),
};
