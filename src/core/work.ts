// A piece of work due from someone: what each area's `dueWork(db, ctx)` returns for the
// signed-in person's home page (ROI decisions due, Stage 1/2 overdue, checks expiring, …).
export interface WorkItem {
  /** e.g. 'roi-decision', 'stage-1-overdue', 'check-expiring', 'approval-review'. */
  kind: string;
  /** What to do, naming the household or enquiry (shown to the person, not logged). */
  title: string;
  href: string;
  dueOn: string;
  overdue: boolean;
}
