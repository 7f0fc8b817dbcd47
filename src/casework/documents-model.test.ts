import { describe, expect, it } from 'vitest';
import { documentsConfig, sizeText } from './documents-config.ts';
import { attachmentHeader, cleanFilename, isSensitive, keptFilename, typeProblem } from './documents-model.ts';

describe('documents settings', () => {
  it('default to 25 MB and refuse a limit that is not a whole number of bytes in range, naming the variable', () => {
    expect(documentsConfig({})).toEqual({ maxBytes: 26_214_400 });
    expect(documentsConfig({ DOCUMENT_MAX_BYTES: '1048576' })).toEqual({ maxBytes: 1_048_576 });
    for (const bad of ['25MB', '0', '-1', '1.5', '999999999999']) expect(() => documentsConfig({ DOCUMENT_MAX_BYTES: bad }), bad).toThrow(/DOCUMENT_MAX_BYTES/);
    expect(sizeText(26_214_400)).toBe('25 MB');
  });
});

describe('documents rules', () => {
  it('make medical and legal documents sensitive whatever was asked', () => {
    expect(isSensitive('medical', false)).toBe(true);
    expect(isSensitive('legal', false)).toBe(true);
    expect(isSensitive('cpr', false)).toBe(false);
    expect(isSensitive('cpr', true)).toBe(true);
  });

  it('keep a file\'s own name without paths or control characters, and name a file with no extension by its type', () => {
    expect(cleanFilename('C:\\Users\\a\\b/report\u0007.pdf')).toBe('report.pdf');
    expect(cleanFilename(`${'a'.repeat(300)}.pdf`)).toMatch(/^a{251}\.pdf$/);
    expect(keptFilename('scan', 'image/png')).toBe('scan.png');
    expect(typeProblem('photo.jpeg', { mediaType: 'image/jpeg', description: '' })).toBeUndefined();
    expect(typeProblem('photo.png', { mediaType: 'image/jpeg', description: '' })).toContain('its content is a JPEG image');
  });

  it('name a download safely in a Content-Disposition header', () => {
    expect(attachmentHeader('Lettre d\'été "final".pdf')).toBe('attachment; filename="Lettre d\'_t_ _final_.pdf"; filename*=UTF-8\'\'Lettre%20d%27%C3%A9t%C3%A9%20%22final%22.pdf');
  });
});
