import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compareChild } from './model.ts';

/** The order as first written, with regular expressions: the quicker one must agree with it. */
function reference(a: string, b: string): number {
  const an = /^\d+$/.test(a);
  const bn = /^\d+$/.test(b);
  if (an !== bn) return an ? -1 : 1;
  if (an) {
    const at = a.replace(/^0+(?=\d)/, '');
    const bt = b.replace(/^0+(?=\d)/, '');
    if (at.length !== bt.length) return at.length - bt.length;
    if (at !== bt) return at < bt ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

const id = fc.array(fc.constantFrom('0', '0', '1', '9', '5', 'A', 'a', ' ', '٣'), { maxLength: 6 }).map((cs) => cs.join(''));

describe('compareChild', () => {
  it('orders CHILD ids as the regular-expression version did', () => {
    fc.assert(fc.property(id, id, (a, b) => {
      expect(compareChild(a, b)).toBe(reference(a, b));
    }), { numRuns: 5000 });
  });
});
