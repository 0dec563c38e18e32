-- H2 has no full-text index of the same kind; search falls back to LIKE (see TextSearch).
select 1;
