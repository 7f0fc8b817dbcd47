// Ofsted Annex A List 10 (DOMAIN.md §3.3, the columns as the AA-SQL builds them): the children
// adopted, with a decision that they should be placed for adoption and not yet adopted, or
// whose decision was reversed, in the 12 months before the period's end. It names children, so
// only those the person's children list would show are listed (children.listAmong: the list's
// rule, audited as the list is); an adopted child's record is sealed and stays out unless the
// person has opened it today. The note says how many the list leaves out.
import { sql } from 'kysely';
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import type { Cell, TableColumn } from '../../core/http/tables.ts';
import * as children from '../../children/service.ts';
import { addMonths } from '../../children/model.ts';
import { addDays } from '../../core/dates.ts';
import type { Report, ReportScope } from '../report.ts';
import { idsIn } from './measures.ts';

/** The 12 months to the period's end: from the day after the same date a year before. */
export function twelveMonthsTo(end: string): { from: string; to: string } {
  return { from: addDays(addMonths(end, -12), 1), to: end };
}

const COLUMNS: readonly [string, string][] = [
  ['council', 'Council'], ['childId', 'ChildUniqueID'], ['familyId', 'FamilyID'], ['gender', 'Gender'], ['ethnicity', 'Ethnicity'],
  ['dateOfBirth', 'DateOfBirth'], ['age', 'Age'], ['disability', 'HasDisability'], ['enteredCare', 'EnteredCareDate'], ['shobpa', 'ADMSHOBPADecisionDate'],
  ['placementOrder', 'PlacementOrderDate'], ['matched', 'MatchedForAdoptionDate'], ['placed', 'PlacedForAdoptionDate'], ['adopted', 'AdoptionOrderDate'],
  ['reversed', 'DecisionReversedDate'], ['reversedReason', 'DecisionReversedReason'], ['ffa', 'DateFFAConcurrencyPlacement'],
];

interface Row { id: string; [key: string]: Cell }

async function cohort(db: Db, scope: ReportScope): Promise<Row[]> {
  const { from, to } = twelveMonthsTo(scope.period.to);
  const at = (type: string) => sql.raw(`max(m.date) filter (where m.type = '${type}')`);
  const rows = await sql<Row>`
    select c.id, o.name as council, c.la_child_ref as "childId", hh.reference as "familyId", c.sex as gender, c.ethnicity, c.date_of_birth::text as "dateOfBirth",
      date_part('year', age(${to}::date, c.date_of_birth))::int as age, case when c.disabled then 'Yes' else 'No' end as disability,
      (select max(e.start_date) from care_episode e where e.child_id = c.id and e.rne = 'S' and e.start_date <= ${to}::date)::text as "enteredCare",
      d.shobpa::text as shobpa, d.po::text as "placementOrder", d.matched::text as matched, d.placed::text as placed, d.adopted::text as adopted,
      d.reversed::text as reversed, (select r.code from milestone r where r.child_id = c.id and r.type = 'plan-reversed' and r.date = d.reversed limit 1) as "reversedReason",
      d.ffa::text as ffa
    from child c join organisation o on o.id = c.placing_authority_id
    cross join lateral (
      select ${at('shobpa')} as shobpa, max(m.date) filter (where m.type = 'placement-order' and m.code = 'order') as po, ${at('match')} as matched,
        ${at('placed-for-adoption')} as placed, ${at('adoption-order')} as adopted, ${at('plan-reversed')} as reversed, ${at('early-permanence')} as ffa,
        (array_agg(m.household_id order by m.date desc) filter (where m.type = 'match'))[1] as household_id
      from milestone m where m.child_id = c.id and m.date <= ${to}::date) d
    left join household hh on hh.id = d.household_id
    where c.placing_authority_id in ${idsIn(scope.councilIds)} and d.shobpa is not null
      and (d.adopted is null or d.adopted >= ${from}::date)
      and (d.reversed is null or d.reversed < d.shobpa or d.reversed >= ${from}::date)
    order by o.name, c.la_child_ref`.execute(db);
  return rows.rows;
}

export const annexAList10: Report = {
  name: 'annex-a-list-10',
  title: 'Ofsted Annex A List 10: children with an adoption decision',
  description: 'Children adopted, waiting with a decision, or whose decision was reversed, in the 12 months to the period\'s end, with their adoption dates.',
  async run(db: Db, ctx: RequestContext, scope: ReportScope) {
    const all = await cohort(db, scope);
    const { from, to } = twelveMonthsTo(scope.period.to);
    const listed = new Set((await children.listAmong(db, ctx, all.map((r) => r.id), { report: 'annex-a-list-10', from, to })).map((c) => c.id));
    const rows = all.filter((r) => listed.has(r.id));
    const columns: TableColumn[] = COLUMNS.map(([key, label]) => ({ key, label, numeric: key === 'age' }));
    return {
      tables: [{ caption: `Annex A List 10: children with an adoption decision, ${from} to ${to}`, columns, rows: rows.map(({ id, ...rest }) => { void id; return rest; }) }],
      notes: [
        `Children of these councils with a decision that they should be placed for adoption (SHOBPA) on or before ${to} who were not adopted before ${from} and whose decision was not reversed before then: adopted, waiting or reversed in the 12 months. Dates are the latest of each kind recorded on or before ${to}; FamilyID is the reference of the household the child was matched with.`,
        `The list names only the children your children list would show: ${all.length - rows.length} of the ${all.length} in the cohort are left out (other councils' children, and adopted children's sealed records unless opened today).`,
      ],
    };
  },
};
