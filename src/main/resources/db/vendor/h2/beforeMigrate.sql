-- Flyway callback, H2 only (location db/vendor/{vendor}): nothing to prepare.
select 1;
