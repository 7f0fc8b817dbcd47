-- An adoption order, once recorded, stays recorded: a transaction may replace a child's order
-- (the SSDA903 import rewrites a year's return milestones, the order among them, all or nothing),
-- but may not end with the child having none, which would unseal the record and let the purge
-- job delete it. Checked when the transaction commits.
create function adoption_order_kept() returns trigger language plpgsql as $$
begin
  if exists (select 1 from child c where c.id = old.child_id)
     and not exists (select 1 from milestone m where m.child_id = old.child_id and m.type = 'adoption-order') then
    raise exception 'child %: an adoption order, once recorded, is never removed (an adoption record is kept for at least 100 years from the order)', old.child_id
      using errcode = 'check_violation';
  end if;
  return null;
end $$;

create constraint trigger milestone_adoption_order_kept after delete on milestone
  deferrable initially deferred
  for each row when (old.type = 'adoption-order') execute function adoption_order_kept();
