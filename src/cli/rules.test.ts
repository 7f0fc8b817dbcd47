// `mercia rules 903` through its function: no process, no database.
import { describe, expect, it } from 'vitest';
import { rulesCommand, type Output } from './rules.ts';

function capture(): Output & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

describe('mercia rules 903', () => {
  it('lists every rule of the year in aligned columns: number, tables, severity, years, message', () => {
    const o = capture();
    expect(rulesCommand({ year: '2025/26', format: 'text' }, o)).toBe(true);
    const text = o.stdout.join('\n');
    expect(text).toMatch(/^SSDA903 rules Mercia checks for 2025\/26 .*: \d+$/m);
    const lines = text.split('\n');
    const head = lines.find((l) => l.startsWith('RULE'))!;
    const r302 = lines.find((l) => l.startsWith('302 '))!;
    const r233 = lines.find((l) => l.startsWith('233 '))!;
    // Aligned: the message column starts at the same place on every row.
    expect(r302.indexOf('The child')).toBe(head.indexOf('MESSAGE'));
    expect(r302).toMatch(/^302\s+Header, Episodes\s+error\s+2022\/23 onwards\s+The child's first episode/);
    expect(r233).toMatch(/2025\/26 onwards/);
    expect(lines.find((l) => l.startsWith('222 '))).toMatch(/warning/);
    expect(text).toContain('Not checked:');
    expect(o.stderr).toEqual([]);
  });

  it('gives JSON, and only the rules of that year', () => {
    const o = capture();
    expect(rulesCommand({ year: '2025', format: 'json' }, o)).toBe(true);
    const json = JSON.parse(o.stdout.join('\n')) as { year: string; count: number; rules: { rule: string; tables: string[]; message: string; severity: string; from: number | null }[] };
    expect(json.year).toBe('2024/25');
    expect(json.count).toBe(json.rules.length);
    const rules = json.rules.map((r) => r.rule);
    expect(rules).toContain('501');
    expect(rules).not.toContain('233');
    expect(json.rules.find((r) => r.rule === '630')).toMatchObject({ tables: ['PrevPerm', 'Episodes'], severity: 'warning' });

    const later = capture();
    rulesCommand({ year: '2026/27', format: 'json' }, later);
    expect((JSON.parse(later.stdout.join('\n')) as { rules: { rule: string }[] }).rules.map((r) => r.rule)).toContain('233');
  });

  it('names --year when the year is not understood, and --format when the format is not', () => {
    const bad = capture();
    expect(rulesCommand({ year: '2019', format: 'text' }, bad)).toBe(false);
    expect(bad.stdout).toEqual([]);
    expect(bad.stderr.join('\n')).toMatch(/^mercia: --year: "2019" is not a collection year Mercia knows/);
    const format = capture();
    expect(rulesCommand({ year: '2026', format: 'xml' }, format)).toBe(false);
    expect(format.stderr.join('\n')).toContain('--format');
  });
});
