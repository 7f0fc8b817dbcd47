// A child with a long story, for the chronology benchmark: about 500 entries (its milestones and
// episodes, and case notes written over the years before), as a child who has waited long has.
import { sql } from 'kysely';
import type { Db } from '../src/core/db.ts';

export const STORY_ENTRIES = 500;

/** Adds case notes to one West Mercia child until their chronology holds STORY_ENTRIES; answers the child's id. */
export async function seedLongStory(db: Db): Promise<string> {
  const child = await db.selectFrom('child as c').innerJoin('organisation as o', 'o.id', 'c.placing_authority_id')
    .select(['c.id']).where('o.slug', '=', 'herefordshire').where('c.stage', '=', 'placed').orderBy('c.id').limit(1).executeTakeFirstOrThrow();
  const author = await db.selectFrom('staff').select('id').where('email', '=', 'social-worker@herefordshire.example').executeTakeFirstOrThrow();
  const own = await sql<{ n: number }>`select (select count(*) from milestone where child_id = ${child.id})
    + (select count(*) from care_episode where child_id = ${child.id}) + (select count(*) from care_episode where child_id = ${child.id} and end_date is not null) as n`.execute(db);
  const notes = STORY_ENTRIES - Number(own.rows[0]!.n);
  await sql`insert into case_note (record_type, record_id, type, occurred_at, author_id, body)
    select 'child', ${child.id}::uuid, (array['visit', 'phone-call', 'meeting', 'supervision', 'management-oversight'])[1 + n % 5],
      timestamptz '2021-01-04 10:00+00' + (n * interval '3 days'), ${author.id}::uuid,
      'Synthetic case note ' || n || ': visited the foster home; settled, eating well, and asked about school.'
    from generate_series(1, ${notes}::int) as n`.execute(db);
  return child.id;
}
