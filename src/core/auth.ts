// Credentials: argon2id password hashes, the password rules, API tokens (only a hash is
// kept) and TOTP second factors.
import { createHash, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { hash, verify, Algorithm } from '@node-rs/argon2';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

// OWASP's argon2id settings (19 MiB, 2 passes): strong, and quick enough on a small server.
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// The 49,000 common passwords are loaded when a password is first checked, not when the
// service starts: most processes never set a password.
let commonPasswordSet: ReadonlySet<string> | undefined;
function commonPasswords(): ReadonlySet<string> {
  if (!commonPasswordSet) {
    // Synchronously (its CommonJS build), so that passwordProblem stays a plain function.
    const { dictionary } = createRequire(import.meta.url)('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    commonPasswordSet = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return commonPasswordSet;
}

/** Why a new password is refused, or null if it is acceptable. Passphrases are welcome. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `Password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  const plain = password.toLowerCase();
  const common = commonPasswords();
  if (common.has(plain) || common.has(plain.replace(/[^a-z0-9]/g, ''))) {
    return 'Password is too common: choose a longer passphrase of unrelated words';
  }
  if (new Set(password).size < 4) return 'Password is too simple: choose a passphrase of unrelated words';
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export async function passwordMatches(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    // Spend the same time as a real check so timing does not reveal which accounts exist.
    await hash(password, ARGON2);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

// A hash of nothing in particular, checked against when the email is unknown.
let decoyHash: Promise<string> | undefined;
export function decoyPasswordHash(): Promise<string> {
  decoyHash ??= hash(randomBytes(16).toString('hex'), ARGON2);
  return decoyHash;
}

/** A new API token: `mercia_` + 32 random bytes. Show it once; store only tokenHash(). */
export function newApiToken(): string {
  return `mercia_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are long and random, so a fast hash is enough (no need for a slow one). */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: 'Mercia', label: email, secret });
}

/** The start (epoch seconds) of the 30-second step the code belongs to, or null if it matches none. */
export async function totpStep(secret: string, code: string): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
  if (!result.valid) return null;
  // TOTP results carry the matched step's start; the union type also admits HOTP's, which has none.
  return 'epoch' in result && typeof result.epoch === 'number' ? result.epoch : (Math.floor(Date.now() / 30_000) + result.delta) * 30;
}

export async function totpMatches(secret: string, code: string): Promise<boolean> {
  if (!/^\d{6}$/.test(code)) return false;
  // Allow one 30-second step either side for clock drift.
  const result = await verifyTotp({ secret, token: code, epochTolerance: 30 });
  return result.valid;
}
