-- Name search (lib/data/name-search.ts), same answer with less work:
--
-- * The word similarity that ranks the matches is computed once per distinct matching
--   spelling rather than once per matching row: many people share a full name ("Ali
--   Mohammadi"), and every row that passed the index had its similarity computed a first
--   time by the %> recheck already. The matches, scores and closeness are those of
--   20261124054500_person_name_matches.
-- * The two matching queries are planned once per connection (a generic plan): the plan is
--   the same for every query text (a bitmap scan of each trigram index), while a custom plan
--   evaluated pg_trgm's similarity over the column statistics of both tables at every
--   search to estimate a row count that changes nothing.
CREATE OR REPLACE FUNCTION tracker_person_name_matches(query text, threshold real)
RETURNS TABLE (person_id text, score real, closeness integer)
LANGUAGE plpgsql VOLATILE STRICT ROWS 500
SET plan_cache_mode = force_generic_plan
AS $$
BEGIN
  PERFORM set_config('pg_trgm.word_similarity_threshold', threshold::text, true);
  RETURN QUERY
    WITH hits AS MATERIALIZED (
        SELECT p.id, p.name_normalized AS name FROM people p WHERE p.name_normalized %> query
        UNION ALL
        SELECT a.person_id, a.name_normalized FROM person_aliases a WHERE a.name_normalized %> query
    ), names AS MATERIALIZED (
        SELECT d.name, word_similarity(query, d.name) AS sim, abs(length(d.name) - length(query)) AS len_diff
          FROM (SELECT DISTINCT h.name FROM hits h) d
    )
    SELECT h.id, max(n.sim), min(n.len_diff)
      FROM hits h JOIN names n ON n.name = h.name
     GROUP BY h.id;
END
$$;
