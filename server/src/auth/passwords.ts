/**
 * argon2id password hashing. Production parameters follow OWASP's argon2id guidance
 * (19 MiB, 2 passes, 1 lane); tests pass `fast` parameters through buildServer({ passwordHashing })
 * because 2 CPU cores would otherwise spend most of the suite hashing.
 */
import { hash, verify } from '@node-rs/argon2';

export interface PasswordHashingParams {
  memoryCost: number; // KiB
  timeCost: number;
  parallelism: number;
}

export const PRODUCTION_HASHING: PasswordHashingParams = { memoryCost: 19456, timeCost: 2, parallelism: 1 };
/** For tests only: same algorithm, tiny cost. */
export const FAST_TEST_HASHING: PasswordHashingParams = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum in the typings)

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hashed: string, password: string): Promise<boolean>;
  /** Burns the same time as a real check, for unknown accounts (no timing oracle). */
  verifyAgainstDummy(password: string): Promise<void>;
}

export function createPasswordHasher(params: PasswordHashingParams): PasswordHasher {
  const options = { ...params, algorithm: ARGON2ID };
  // Computed at start, so the first unknown-email sign-in is not slower than the others.
  const dummy = hash('dummy-password-for-timing', options);
  return {
    hash: (password) => hash(password, options),
    verify: async (hashed, password) => {
      try {
        return await verify(hashed, password);
      } catch {
        return false;
      }
    },
    async verifyAgainstDummy(password) {
      await verify(await dummy, password).catch(() => false);
    },
  };
}
