-- Flyway callback, PostgreSQL only (location db/vendor/{vendor}): the shared migrations
-- use H2's clob for long text; on PostgreSQL it is a domain over text.
do $$
begin
    if not exists (select 1 from pg_type t join pg_namespace n on n.oid = t.typnamespace
                   where t.typname = 'clob' and n.nspname = current_schema()) then
        create domain clob as text;
    end if;
end
$$;
