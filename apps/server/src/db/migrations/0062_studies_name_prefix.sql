-- A patient-name search with a wildcard (PS3.4 §C.2.2.2.4, `SANTOS*`, QIDO-RS and C-FIND) is a
-- LIKE on the normalised name with a literal prefix. The trigram index (0002) answers it, but a
-- nine-letter prefix still costs it 6–15 ms over a million studies, and when the clinic scope is
-- ANDed in, more. A B-tree with the pattern operator class turns the prefix into a range scan
-- (0.1–0.2 ms for 1,300 matches; bench/scale.ts, docs/adr/0051).
create index studies_name_prefix on studies (patient_name_norm text_pattern_ops);
