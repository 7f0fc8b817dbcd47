// The access context of a demo person on a chosen day, for service tests.
import * as staffService from '../../staff/service.ts';
import * as staffStore from '../../staff/store.ts';
import type { RequestContext } from '../access.ts';
import type { Db } from '../db.ts';

export async function contextOf(db: Db, email: string, today = '2026-11-23'): Promise<RequestContext> {
  const person = await staffStore.findStaffByEmail(db, email);
  if (!person) throw new Error(`no staff member ${email}`);
  return staffService.contextFor(db, staffService.actorOf(person), today);
}
