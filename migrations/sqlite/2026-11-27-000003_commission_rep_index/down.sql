DROP INDEX commission_lines_rep_id;
