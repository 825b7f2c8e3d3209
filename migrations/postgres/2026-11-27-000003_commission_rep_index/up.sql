-- A rep's lines newest first (`GET /commissions?rep=me`): without it the list walks the whole
-- ledger backwards by id, filtering by rep (measured: p50 6.6 s at 1,200,000 lines).
CREATE INDEX commission_lines_rep_id ON commission_lines (rep_id, id);
