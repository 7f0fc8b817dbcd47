import { describe, expect, it } from 'vitest';
import { parseInput } from '../core/validation.ts';
import { ValidationError } from '../core/errors.ts';
import { enquiryInput, roiDecisionInput } from './input.ts';
import { frontDoorOf, householdReference, infoPackDue, percent, roiDecisionDue, withConversion } from './model.ts';

describe('due dates', () => {
  it('gives the information pack 5 working days, skipping weekends and bank holidays', () => {
    // Friday 19 December 2025: Christmas Day and Boxing Day are bank holidays, so 22, 23, 24, 29, 30.
    expect(infoPackDue({ receivedOn: '2025-12-19', infoPackSentOn: null, status: 'open' }, '2025-12-30')).toEqual({ dueOn: '2025-12-30', overdue: false });
    expect(infoPackDue({ receivedOn: '2025-12-19', infoPackSentOn: null, status: 'open' }, '2026-01-05')).toEqual({ dueOn: '2025-12-30', overdue: true });
    expect(infoPackDue({ receivedOn: '2025-12-19', infoPackSentOn: '2025-12-22', status: 'open' }, '2026-01-05')).toBeNull();
    expect(infoPackDue({ receivedOn: '2025-12-19', infoPackSentOn: null, status: 'not-proceeding' }, '2026-01-05')).toBeNull();
  });

  it('gives an ROI decision 5 working days, and none once decided', () => {
    expect(roiDecisionDue({ receivedOn: '2026-11-20', decision: null }, '2026-11-23')).toEqual({ dueOn: '2026-11-27', overdue: false });
    expect(roiDecisionDue({ receivedOn: '2026-11-02', decision: null }, '2026-11-23')).toEqual({ dueOn: '2026-11-09', overdue: true });
    expect(roiDecisionDue({ receivedOn: '2026-11-02', decision: 'accepted' }, '2026-11-23')).toBeNull();
  });
});

describe('routing', () => {
  it('sends an enquiry to whoever delivers recruitment: partnership, provider or the council', () => {
    expect(frontDoorOf('la', [{ delivered_by: 'partnership', partnership_id: 'p', provider_id: null }])).toBe('p');
    expect(frontDoorOf('la', [{ delivered_by: 'provider', partnership_id: 'p', provider_id: 'vaa' }])).toBe('vaa');
    expect(frontDoorOf('la', [{ delivered_by: 'member', partnership_id: 'p', provider_id: null }])).toBe('la');
    expect(frontDoorOf('la', [])).toBe('la');
  });
});

describe('funnel arithmetic', () => {
  it('gives percentages to one place, and none of nothing', () => {
    expect(percent(33, 250)).toBe(13.2);
    expect(percent(0, 0)).toBeNull();
    expect(withConversion({ enquiries: 250, rois: 64, stage1: 60, stage2: 58, approved: 57 })).toMatchObject({ enquiryToRoi: 25.6, enquiryToApproved: 22.8 });
    expect(householdReference(42)).toBe('HH000042');
  });
});

describe('enquiry input', () => {
  const valid = { firstName: 'Sam', lastName: 'Okafor', email: 'Sam@Example.com ', phone: '01632 960001', councilCode: 'e06000019', heardFrom: 'website', consent: 'yes' };
  it('normalises a good enquiry', () => {
    expect(parseInput(enquiryInput, valid)).toMatchObject({ email: 'sam@example.com', councilCode: 'E06000019', consent: true });
  });
  it('names every bad field', () => {
    try {
      parseInput(enquiryInput, { ...valid, email: 'nope', consent: undefined, heardFrom: 'tv' });
      expect.unreachable();
    } catch (error) {
      expect((error as ValidationError).errors.map((e) => e.field).sort()).toEqual(['consent', 'email', 'heardFrom']);
    }
    expect(() => parseInput(enquiryInput, { ...valid, councilCode: 'OUTSIDE' })).toThrow(/partnership/);
  });
  it('needs a reason to decline an ROI', () => {
    expect(() => parseInput(roiDecisionInput, { decision: 'declined', date: '2026-11-20' })).toThrow(/reason/);
  });
});
