/**
 * Password → key-wrapping key. scrypt with OWASP's recommended cost
 * (N=2^17, r=8, p=1: 128 MiB, ~0.6 s here) so a stolen keyring resists offline
 * guessing. Parameters are stored with each keyring entry, so the cost can be
 * raised later without breaking old entries.
 */
import { scrypt as scryptCb, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  alg: 'scrypt';
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF: ScryptParams = { alg: 'scrypt', N: 2 ** 17, r: 8, p: 1 };
/** Only for tests that create many vaults; never chosen by the app or the CLI. */
export const TEST_KDF: ScryptParams = { alg: 'scrypt', N: 2 ** 12, r: 8, p: 1 };

export function deriveKey(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    // NFC so the same Turkish password typed on two keyboards derives the same key.
    scryptCb(password.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
