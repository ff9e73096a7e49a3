// Password hashing with scrypt (node:crypto). Stored form: scrypt$N$r$p$salt$hash (base64url), so a hash
// keeps the parameters it was made with and is re-hashed with the current ones at the next login.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet (scrypt, as of 2025): use one of N=2^17 r=8 p=1, N=2^16 r=8 p=2,
 * N=2^15 r=8 p=3, N=2^14 r=8 p=5 or N=2^13 r=8 p=10, "an equal level of defense … a trade off between CPU
 * and RAM usage". santei takes N=2^14 (16 MiB) with p=5: the same work as 2^17 with an eighth of the memory
 * per hash, so that concurrent logins cannot exhaust the server's memory (README: the time of one hash).
 */
export const CURRENT: ScryptParams = { N: 2 ** 14, r: 8, p: 5 };
const KEYLEN = 32;
/** Room for the largest parameters accepted from a stored hash (N=2^17, r=8: 128 MiB). */
const MAXMEM = 160 * 1024 * 1024;

function derive(password: string, salt: Buffer, opts: ScryptOptions, keylen: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keylen, { ...opts, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, params: ScryptParams = CURRENT): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, params, KEYLEN);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join(
    '$',
  );
}

/** The parameters a stored hash was made with, or null when it is not one of ours. */
export function paramsOf(stored: string): ScryptParams | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  return [N, r, p].every((x) => Number.isSafeInteger(x) && x > 0) ? { N, r, p } : null;
}

/** Whether a stored hash was made with other parameters than the current ones (re-hash it at login). */
export function needsRehash(stored: string): boolean {
  const p = paramsOf(stored);
  return !p || p.N !== CURRENT.N || p.r !== CURRENT.r || p.p !== CURRENT.p;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = paramsOf(stored);
  if (!params) return false;
  const parts = stored.split('$');
  const expected = Buffer.from(parts[5]!, 'base64url');
  const key = await derive(password, Buffer.from(parts[4]!, 'base64url'), params, expected.length);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash that matches no password: verified against when the user does not exist (same timing). */
export const DUMMY_HASH = `scrypt$${CURRENT.N}$${CURRENT.r}$${CURRENT.p}$${Buffer.alloc(16).toString('base64url')}$${Buffer.alloc(KEYLEN).toString('base64url')}`;
