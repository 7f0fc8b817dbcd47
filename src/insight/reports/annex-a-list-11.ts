// Ofsted Annex A List 11 (DOMAIN.md §2, the columns as the AA-SQL builds them): the adopters
// who had contact with the agency in the 12 months to the period's end — registered on or before
// its end and not gone before its start — one row per household, its first applicant's
// characteristics. It names people, so only the households the person may see are listed
// (adopters.listAmong: the view rule, audited as the list is).
import { sql } from 'kysely';
import * as adopters from '../../adopters/service.ts';
import type { RequestContext } from '../../core/access.ts';
import type { Db } from '../../core/db.ts';
import type { Cell, TableColumn } from '../../core/http/tables.ts';
import type { Report, ReportScope } from '../report.ts';
import { twelveMonthsTo } from './annex-a-list-10.ts';
import { householdCouncil, householdInScope } from './waiting-store.ts';

const COLUMNS: readonly [string, string][] = [
  ['adopterId', 'AdopterID'], ['gender', 'Gender'], ['ethnicity', 'Ethnicity'], ['dateOfBirth', 'DateOfBirth'], ['age', 'Age'], ['disability', 'HasDisability'],
  ['adoptedByCarer', 'AdoptedByCarer'], ['enquiry', 'EnquiryDate'], ['stage1Start', 'Stage1StartDate'], ['stage1End', 'Stage1EndDate'],
  ['stage2Start', 'Stage2StartDate'], ['stage2End', 'Stage2EndDate'], ['application', 'ApplicationDate'], ['approved', 'ApplicationApprDate'],
  ['matched', 'MatchedDate'], ['placed', 'PlacedDate'], ['siblings', 'NumSiblingsPlaced'], ['adoptionOrder', 'AdoptionOrderDate'],
  ['left', 'AdoptionLeaveDate'], ['leaveReason', 'AdoptingLeaveReason'],
];

interface Row { id: string; [key: string]: Cell }

async function cohort(db: Db, scope: ReportScope): Promise<Row[]> {
  const { from, to } = twelveMonthsTo(scope.period.to);
  const statusOn = (status: string) => sql.raw(`(select min(se.date) from stage_event se where se.household_id = h.id and se.type = 'status-change' and se.status = '${status}')::text`);
  const rows = await sql<Row>`
    select h.id, h.reference as "adopterId", a.sex as gender, a.ethnicity, a.date_of_birth::text as "dateOfBirth",
      date_part('year', age(${to}::date, a.date_of_birth))::int as age, case when a.disabled then 'Yes' else 'No' end as disability,
      case when h.fast_track = 'foster-carer' then 'Yes' else 'No' end as "adoptedByCarer",
      (select e.received_on from registration_of_interest r join enquiry e on e.id = r.enquiry_id where r.household_id = h.id)::text as enquiry,
      h.stage1_started_on::text as "stage1Start", h.stage1_decided_on::text as "stage1End", h.stage2_started_on::text as "stage2Start",
      h.adm_decided_on::text as "stage2End", h.roi_accepted_on::text as application, h.approved_on::text as approved,
      ${statusOn('matched')} as matched, ${statusOn('placed')} as placed,
      (select count(*) from placement p join placement_child pc on pc.placement_id = p.id where p.household_id = h.id and p.placed_on is not null)::int as siblings,
      (select max(p.order_on) from placement p where p.household_id = h.id)::text as "adoptionOrder", h.left_on::text as left, h.leaving_reason as "leaveReason",
      ${householdCouncil(scope.councilIds)} as council_id
    from household h left join applicant a on a.household_id = h.id and a.position = 1
    where ${householdInScope(scope.councilIds, scope.partnershipId)} and coalesce(h.roi_accepted_on, h.stage2_started_on) <= ${to}::date
      and (h.left_on is null or h.left_on >= ${from}::date)
      and not exists (select 1 from placement p where p.household_id = h.id and p.order_on < ${from}::date)
    order by h.reference`.execute(db);
  return rows.rows;
}

export const annexAList11: Report = {
  name: 'annex-a-list-11',
  title: 'Ofsted Annex A List 11: adopters',
  description: 'Adopters in contact with the agency in the 12 months to the period\'s end, with the dates of their journey.',
  async run(db: Db, ctx: RequestContext, scope: ReportScope) {
    const all = await cohort(db, scope);
    const { from, to } = twelveMonthsTo(scope.period.to);
    const listed = new Set((await adopters.listAmong(db, ctx, all.map((r) => r.id), { report: 'annex-a-list-11', from, to })).map((h) => h.id));
    const rows = all.filter((r) => listed.has(r.id)).map(({ id, council_id, ...rest }) => { void id; void council_id; return rest; });
    const columns: TableColumn[] = COLUMNS.map(([key, label]) => ({ key, label, numeric: key === 'age' || key === 'siblings' }));
    return {
      tables: [{ caption: `Annex A List 11: adopters, ${from} to ${to}`, columns, rows }],
      notes: [
        `Households living in or belonging to these councils (or the partnership) registered (or, fast-tracked, starting Stage 2) on or before ${to}, who had not left before ${from} nor adopted before it: one row each, with the first applicant's characteristics. ApplicationDate is the registration of interest's acceptance; Stage2EndDate the agency decision; MatchedDate and PlacedDate the first status changes to matched and placed; AdoptedByCarer marks foster carers fast-tracked.`,
        `The list names only the households you may see: ${all.length - rows.length} of the ${all.length} are left out.`,
      ],
    };
  },
};
