-- Name search in one statement (lib/data/name-search.ts): the people one of whose names or
-- aliases matches the normalised query with a word similarity of at least `threshold`, with
-- the best similarity (the rank) and how close in length their closest name is to the query.
--
-- pg_trgm's %> operator (and so the GIN indexes on name_normalized) reads the threshold from
-- a setting; setting it here, for the current transaction only, before the query that needs
-- it, spares the caller a transaction of its own around every search. Within an autocommit
-- statement the setting ends with the statement; within a longer transaction (an export) it
-- stays at this value until the transaction ends.
CREATE FUNCTION tracker_person_name_matches(query text, threshold real)
RETURNS TABLE (person_id text, score real, closeness integer)
LANGUAGE plpgsql VOLATILE STRICT ROWS 500
AS $$
BEGIN
  PERFORM set_config('pg_trgm.word_similarity_threshold', threshold::text, true);
  RETURN QUERY
    SELECT hits.id, max(hits.sim), min(hits.len_diff)
      FROM (
        SELECT p.id, word_similarity(query, p.name_normalized) AS sim, abs(length(p.name_normalized) - length(query)) AS len_diff
          FROM people p WHERE p.name_normalized %> query
        UNION ALL
        SELECT a.person_id, word_similarity(query, a.name_normalized), abs(length(a.name_normalized) - length(query))
          FROM person_aliases a WHERE a.name_normalized %> query
      ) hits
     GROUP BY hits.id;
END
$$;
