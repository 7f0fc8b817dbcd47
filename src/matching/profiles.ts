// The records of two areas as the matching engine sees them: a child (or a sibling group placed
// together) as a subject, a household as a profile with its tier from the child's council's side.
import type { MatchFacts } from '../children/for-matching.ts';
import type { MatchChild, MatchHousehold, MatchSubject, Tier } from './model.ts';
import type * as store from './store.ts';

/** The child's needs as the households' tolerances name them (needs with no tolerance asked are not weighed). */
const NEED_TO_TOLERANCE: Record<string, MatchChild['needs'][number]> = {
  'developmental-delay': 'developmentalDelay', 'learning-disability': 'learningDisability', 'physical-disability': 'physicalDisability',
  'medical-condition': 'medicalConditions', 'foetal-alcohol': 'fasd',
};

export function matchChild(c: MatchFacts): MatchChild {
  return {
    id: c.id, name: c.firstName, dateOfBirth: c.dateOfBirth, sex: c.sex, ethnicity: c.ethnicity, religion: c.religion, firstLanguage: c.firstLanguage,
    needs: [...new Set(c.needs.map((n) => NEED_TO_TOLERANCE[n]).filter((n): n is MatchChild['needs'][number] => !!n))],
    councilId: c.placingAuthorityId, councilName: c.placingAuthorityName, councilCode: c.placingAuthorityCode,
    avoidCouncilIds: c.avoidCouncilIds, waitingSince: c.shobpaDate ?? c.placementOrderDate,
  };
}

export function subjectOf(group: { id: string; name: string } | null, children: readonly MatchFacts[]): MatchSubject {
  return group
    ? { id: group.id, label: `${group.name} (${children.map((c) => c.firstName).join(', ')})`, children: children.map(matchChild) }
    : { id: children[0]!.id, label: `${children[0]!.firstName} ${children[0]!.lastName}`, children: children.map(matchChild) };
}

/** Where a household sits from a council's side: its own, its partnership's, or another agency's. */
export function tierOf(h: store.CandidateRow, councilId: string, councilPartnerships: readonly string[]): Tier {
  if (h.ownerId === councilId) return 'council';
  if (councilPartnerships.includes(h.ownerId) || h.ownerPartnerships.some((p) => councilPartnerships.includes(p))) return 'partnership';
  return 'inter-agency';
}

export function matchHousehold(h: store.CandidateRow, tier: Tier): MatchHousehold {
  return {
    id: h.id, reference: h.reference, ownerId: h.ownerId, ownerName: h.ownerName, tier, status: h.status as MatchHousehold['status'], approvedOn: h.approvedOn,
    councilId: h.homeCouncilId, councilName: h.homeCouncilName, councilCode: h.homeCouncilCode, openLinks: h.openLinks, applicantEthnicities: h.applicantEthnicities,
    terms: h.terms && { ...h.terms, religions: h.terms.religions, languages: h.terms.languages, avoidCouncilIds: h.terms.avoidCouncilIds },
  };
}
