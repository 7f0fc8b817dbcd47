import { describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { hashPassword, newApiToken, newTotpSecret, passwordMatches, passwordProblem, tokenHash, totpMatches } from './auth.ts';

describe('password rules', () => {
  it('refuses passwords under 12 characters', () => {
    expect(passwordProblem('Short1!pass')).toMatch(/at least 12/);
  });

  it('refuses common passwords, even with punctuation added', () => {
    expect(passwordProblem('password1234')).toMatch(/too common/);
    expect(passwordProblem('qwertyuiop12')).toMatch(/too common/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).not.toBeNull();
  });

  it('accepts a passphrase of unrelated words', () => {
    expect(passwordProblem('copper kettle meadow lantern')).toBeNull();
  });

  it('hashes with argon2id and checks against the hash', async () => {
    const stored = await hashPassword('copper kettle meadow lantern');
    expect(stored).toMatch(/^\$argon2id\$/);
    expect(await passwordMatches(stored, 'copper kettle meadow lantern')).toBe(true);
    expect(await passwordMatches(stored, 'copper kettle meadow lanterns')).toBe(false);
    expect(await passwordMatches(null, 'anything at all here')).toBe(false);
  });
});

describe('API tokens', () => {
  it('are long, random and stored only as a hash', () => {
    const a = newApiToken();
    expect(a).toMatch(/^mercia_[A-Za-z0-9_-]{43}$/);
    expect(newApiToken()).not.toBe(a);
    expect(tokenHash(a)).toHaveLength(64);
    expect(tokenHash(a)).not.toContain(a);
  });
});

describe('TOTP', () => {
  it('accepts the current code and refuses a wrong or malformed one', async () => {
    const secret = newTotpSecret();
    const code = await generate({ secret });
    expect(await totpMatches(secret, code)).toBe(true);
    expect(await totpMatches(secret, code === '000000' ? '111111' : '000000')).toBe(false);
    expect(await totpMatches(secret, '12345')).toBe(false);
  });
});
