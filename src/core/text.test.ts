import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findTextFault, sameSitePath, textFault } from './text.ts';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat('\u007f');

describe('sameSitePath', () => {
  it('keeps a path on this site, with its query', () => {
    expect(sameSitePath('/children?q=smith&page=2')).toBe('/children?q=smith&page=2');
    expect(sameSitePath('/')).toBe('/');
  });

  it.each(C0.map((c) => [c.charCodeAt(0)]))('refuses control character %i anywhere in the path', (code) => {
    const c = String.fromCharCode(code);
    expect(sameSitePath(`/${c}`)).toBe('/');
    expect(sameSitePath(`/children${c}/evil.example`)).toBe('/');
    expect(sameSitePath(`/${c}/evil.example`)).toBe('/');
  });

  it.each(['//evil.example', '/\\evil.example', '/\t/evil.example', '\\\\evil.example', 'https://evil.example', 'javascript:alert(1)', 'children', '', ' /', '/a\\b', '/é'])('refuses %j', (next) => {
    expect(sameSitePath(next)).toBe('/');
  });

  it('refuses anything that is not a string', () => {
    expect(sameSitePath(undefined)).toBe('/');
    expect(sameSitePath(['/a'])).toBe('/');
  });

  it('whatever it is given, answers a path a browser reads as this site', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => {
      const path = sameSitePath(s);
      expect(path.startsWith('/')).toBe(true);
      expect(/^\/[/\\]/.test(path)).toBe(false);
      expect(/[^\x21-\x7e]/.test(path)).toBe(false);
    }));
  });
});

describe('textFault', () => {
  it('keeps ordinary text, including line breaks, tabs and right-to-left scripts', () => {
    expect(textFault('Aoife O\'Brien-Ng\r\n\tنور')).toBeUndefined();
    expect(textFault('😀 emoji in a surrogate pair')).toBeUndefined();
  });

  it('refuses NUL, other controls, lone surrogates and direction overrides', () => {
    expect(textFault('a\u0000')).toMatch(/null character/);
    expect(textFault('a\u0007')).toMatch(/control characters/);
    expect(textFault('\ud800')).toMatch(/unpaired surrogate/);
    expect(textFault('x\udc00')).toMatch(/unpaired surrogate/);
    for (const c of ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069']) {
      expect(textFault(`Smith${c}htims`)).toMatch(/direction of text/);
    }
  });

  it('names the field by its path, in nested objects, arrays and keys', () => {
    expect(findTextFault({ name: 'ok', applicants: [{ firstName: 'a' }, { firstName: 'b\u0000' }] })).toEqual({ field: 'applicants.1.firstName', message: expect.stringContaining('applicants.1.firstName') });
    expect(findTextFault({ ['bad\u0000key']: 'x' })?.message).toMatch(/field name/);
    expect(findTextFault({ a: 1, b: [true, null] })).toBeUndefined();
  });

  it('refuses C1 controls', () => {
    expect(textFault('A\u009bB')).toMatch(/control characters/);
    expect(textFault('A\u0085B')).toMatch(/control characters/);
  });

  it('refuses input nested deeper than any form, however deep, without exhausting the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findTextFault({ a: deep })?.message).toMatch(/nested too deeply/);
    let fine: unknown = 'x';
    for (let i = 0; i < 10; i++) fine = { child: fine };
    expect(findTextFault(fine)).toBeUndefined();
  });
});
