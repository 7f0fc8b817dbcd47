// Inter-agency placements bought and sold (DOMAIN.md §2): matches made in the period between a
// child of one council and a household of an agency outside that council's partnership — bought
// by the child's council, sold by the household's — with the fees the matches recorded
// (inter_agency_fee, written by matching when a fee is due). A match with no fee recorded is
// counted, and its fee is not guessed.
import { sql, type RawBuilder } from 'kysely';
import type { ReportScope } from '../report.ts';
import { idsIn, measureReport } from './measures.ts';
import { householdCouncil } from './waiting-store.ts';

/** Whether org `a` is, on `day`, inside council `la`'s partnership: the council itself, a partnership it belongs to, or a fellow member council. */
function insidePartnershipOf(la: RawBuilder<unknown>, a: RawBuilder<unknown>, day: RawBuilder<unknown>): RawBuilder<boolean> {
  return sql<boolean>`(${a} = ${la} or exists (
    select 1 from membership m where m.member_id = ${la} and m.kind = 'member' and m.joined_on <= ${day} and (m.left_on is null or m.left_on > ${day})
      and (m.partnership_id = ${a} or exists (select 1 from membership m2 where m2.partnership_id = m.partnership_id and m2.member_id = ${a} and m2.kind = 'member'
        and m2.joined_on <= ${day} and (m2.left_on is null or m2.left_on > ${day})))))`;
}

const matched = (scope: ReportScope) => sql`l.status = 'matched' and l.matched_on between ${scope.period.from}::date and ${scope.period.to}::date
  and not ${insidePartnershipOf(sql`l.placing_authority_id`, sql`h.owner_id`, sql`l.matched_on`)}`;

const MONEY = { when: 'fee_pence is not null', sum: 'fee_pence / 100.0', noDrill: true };

export const interAgency = measureReport({
  name: 'inter-agency',
  title: 'Inter-agency placements',
  description: 'Matches with an agency outside the child\'s council\'s partnership in the period: bought by the council, sold by it, and their fees.',
  kind: 'households',
  elsewhereLabel: 'Households living outside these councils',
  tables: [{
    caption: 'Bought: the councils\' children matched with households of agencies outside their partnership',
    columns: ['bought', 'bought-fee-recorded', 'bought-fees'],
    measures: [
      { key: 'bought', label: 'Matches bought', when: 'true' },
      { key: 'bought-fee-recorded', label: 'With a fee recorded', when: 'fee_pence is not null' },
      { key: 'bought-fees', label: 'Fees paid (£)', ...MONEY },
    ],
    base: (scope) => sql`
      select l.household_id as id, l.placing_authority_id as council_id, f.amount_pence as fee_pence
      from link l join household h on h.id = l.household_id left join inter_agency_fee f on f.link_id = l.id
      where l.placing_authority_id in ${idsIn(scope.councilIds)} and ${matched(scope)}`,
  }, {
    caption: 'Sold: households of the councils (or the partnership) matched with children of councils outside the partnership',
    columns: ['sold', 'sold-fee-recorded', 'sold-fees'],
    measures: [
      { key: 'sold', label: 'Matches sold', when: 'true' },
      { key: 'sold-fee-recorded', label: 'With a fee recorded', when: 'fee_pence is not null' },
      { key: 'sold-fees', label: 'Fees received (£)', ...MONEY },
    ],
    base: (scope) => sql`
      select l.household_id as id, ${householdCouncil(scope.councilIds)} as council_id, f.amount_pence as fee_pence
      from link l join household h on h.id = l.household_id left join inter_agency_fee f on f.link_id = l.id
      where h.owner_id in ${idsIn([...scope.councilIds, ...(scope.partnershipId ? [scope.partnershipId] : [])])} and ${matched(scope)}`,
  }],
  notes: (scope) => [
    `Links matched from ${scope.period.from} to ${scope.period.to} where the household's agency was, on the match day, neither the child's council, nor a partnership it belonged to, nor another member council of that partnership (an affiliated voluntary agency is outside). Bought counts for the child's council; sold for the council the household lives in (or, living elsewhere, belongs to).`,
    'Fees are those recorded with the match (payable in full at placement); a match with none recorded is counted but adds nothing to the fees. Matches recorded only on the child (without a link) and placements bought from voluntary agencies outside the matching area are not in the records this report reads.',
  ],
});
