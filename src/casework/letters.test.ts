import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.ts';
import { fillLetter, LETTER_TEMPLATES, letterTemplate, placeholdersIn, type LetterTemplate } from './letters.ts';
import type { PdfDocument } from './pdf.ts';

const TODAY = '2026-03-04';

/** A value for every field the template needs (synthetic people and places). */
function fieldsFor(template: LetterTemplate): Record<string, string> {
  const sample: Record<string, string> = {
    agencyName: 'West Mercia Adoption Partnership',
    addressee: 'Sam and Alex Okafor',
    address: '12 Orchard Way\nLudlow\nSY8 1AB',
    salutation: 'Sam and Alex',
    reference: 'H-0042',
    decidedOn: '2026-02-27',
    panelDate: '2026-02-12',
    respondBy: '2026-04-24',
    enquiredOn: '2026-02-20',
    reasons: 'The references raised concerns we were not able to resolve.',
    approvedFor: 'one child aged up to 4',
  };
  return Object.fromEntries(template.fields.map((f) => [f.name, sample[f.name] ?? `value of ${f.name}`]));
}

/** Every piece of text the document will print. */
function allText(doc: PdfDocument): string[] {
  return [doc.title, doc.sender ?? '', ...(doc.address ?? []), doc.reference ?? '', ...doc.paragraphs, doc.footer ?? ''];
}

function validationError(run: () => unknown): ValidationError {
  try {
    run();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('letter templates', () => {
  it('has the letters the agency sends, each for the record it applies to', () => {
    const byId = Object.fromEntries(LETTER_TEMPLATES.map((t) => [t.id, t.appliesTo]));
    expect(byId).toEqual({
      'stage-1-proceed': 'household',
      'stage-1-not-proceed': 'household',
      'adm-approval': 'household',
      'adm-not-suitable': 'household',
      'information-pack': 'enquiry',
    });
    expect(LETTER_TEMPLATES.every((t) => t.category === 'letter')).toBe(true);
  });

  it.each(LETTER_TEMPLATES.map((t) => [t.id, t] as const))('%s uses exactly the fields it declares', (_id, template) => {
    const used = new Set([template.heading, ...template.paragraphs, ...template.signOff].flatMap(placeholdersIn));
    // address and addressee go in the address block, not the wording.
    const declared = new Set(template.fields.map((f) => f.name).filter((n) => n !== 'address' && n !== 'addressee'));
    expect([...used].sort()).toEqual([...declared].sort());
  });

  it('signs off by role, never by a name', () => {
    for (const t of LETTER_TEMPLATES) {
      const role = t.signOff.at(-2);
      expect(role, t.id).toMatch(/^(Team Manager, Adopter Assessment|Agency Decision Maker|Recruitment and Enquiries Team)$/);
    }
  });
});

describe('fillLetter', () => {
  it.each(LETTER_TEMPLATES.map((t) => [t.id, t] as const))('fills %s with no placeholder left', (id, template) => {
    const doc = fillLetter(id, fieldsFor(template), TODAY);
    expect(doc.date).toBe(TODAY);
    expect(doc.sender).toBe('West Mercia Adoption Partnership');
    expect(doc.address).toEqual(['Sam and Alex Okafor', '12 Orchard Way', 'Ludlow', 'SY8 1AB']);
    expect(doc.reference).toBe('H-0042');
    expect(doc.footer).toBe(template.marking);
    expect(doc.paragraphs[0]).toBe('Dear Sam and Alex');
    expect(doc.paragraphs.at(-1)).toContain('West Mercia Adoption Partnership');
    for (const text of allText(doc)) {
      expect(text).not.toContain('{{');
      expect(text).not.toContain('}}');
    }
  });

  it('writes dates the GOV.UK way', () => {
    const t = letterTemplate('adm-not-suitable')!;
    const doc = fillLetter(t.id, fieldsFor(t), TODAY);
    const body = doc.paragraphs.join('\n');
    expect(body).toContain('met on 12 February 2026');
    expect(body).toContain('by 24 April 2026');
    expect(body).toContain('The references raised concerns');
  });

  it('names every missing or blank field', () => {
    const t = letterTemplate('stage-1-not-proceed')!;
    const fields = { ...fieldsFor(t), reasons: '  \n ' } as Record<string, string>;
    delete fields.decidedOn;
    const error = validationError(() => fillLetter(t.id, fields, TODAY));
    expect(error.errors.map((e) => e.field)).toEqual(['decidedOn', 'reasons']);
    expect(error.errors[1]!.message).toBe('Enter reasons for the decision');
  });

  it('refuses a date field that is not a real date', () => {
    const t = letterTemplate('stage-1-proceed')!;
    const error = validationError(() => fillLetter(t.id, { ...fieldsFor(t), decidedOn: '2026-02-30' }, TODAY));
    expect(error.errors).toEqual([{ field: 'decidedOn', message: expect.stringContaining('real date') }]);
  });

  it('refuses text Mercia would not keep (a direction override)', () => {
    const t = letterTemplate('information-pack')!;
    const error = validationError(() => fillLetter(t.id, { ...fieldsFor(t), salutation: 'Sam \u202Eevil' }, TODAY));
    expect(error.errors.map((e) => e.field)).toEqual(['salutation']);
  });

  it('does not count inherited properties as given fields', () => {
    const t = letterTemplate('information-pack')!;
    const fields = Object.create({ reference: 'inherited' }) as Record<string, string>;
    Object.assign(fields, fieldsFor(t));
    delete fields.reference;
    expect(validationError(() => fillLetter(t.id, fields, TODAY)).errors.map((e) => e.field)).toEqual(['reference']);
  });

  it('refuses an unknown template, naming it', () => {
    const error = validationError(() => fillLetter('stage-3-decision', {}, TODAY));
    expect(error.errors).toEqual([{ field: 'templateId', message: expect.stringContaining('stage-3-decision') }]);
  });

  it('refuses a today that is not a date', () => {
    const t = letterTemplate('stage-1-proceed')!;
    expect(validationError(() => fillLetter(t.id, fieldsFor(t), '04/03/2026')).errors[0]!.field).toBe('today');
  });

  it('uses values as plain text: a value holding a placeholder is printed as typed, not filled', () => {
    const t = letterTemplate('stage-1-not-proceed')!;
    const doc = fillLetter(t.id, { ...fieldsFor(t), reasons: 'See {{reference}} and {text: "x"} <b>' }, TODAY);
    expect(doc.paragraphs).toContain('See {{reference}} and {text: "x"} <b>');
  });

  it('keeps line breaks in an address and in reasons, but not in a name', () => {
    const t = letterTemplate('stage-1-not-proceed')!;
    const doc = fillLetter(t.id, { ...fieldsFor(t), salutation: 'Sam\r\nand Alex', reasons: 'First.\r\n\r\nSecond.', address: ' 1 Lane \n\n Town ' }, TODAY);
    expect(doc.paragraphs[0]).toBe('Dear Sam and Alex');
    expect(doc.paragraphs).toContain('First.\nSecond.');
    expect(doc.address).toEqual(['Sam and Alex Okafor', '1 Lane', 'Town']);
  });
});
