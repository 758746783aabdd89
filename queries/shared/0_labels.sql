-- Vocabulary labels as table macros (code, label, ord), read from the snapshot's `vocabulary`
-- table (catalogue/vocabulary.json as registered): the reporting side keeps no copy of its own.
CREATE OR REPLACE TEMP MACRO vocabulary_labels(p_list) AS TABLE
SELECT code, label, ord FROM vocabulary WHERE list = p_list;
CREATE OR REPLACE TEMP MACRO kind_labels() AS TABLE SELECT * FROM vocabulary_labels('kind');
CREATE OR REPLACE TEMP MACRO category_labels() AS TABLE SELECT * FROM vocabulary_labels('category');
CREATE OR REPLACE TEMP MACRO stage_labels() AS TABLE SELECT * FROM vocabulary_labels('stage');
CREATE OR REPLACE TEMP MACRO form_labels() AS TABLE SELECT * FROM vocabulary_labels('form');
CREATE OR REPLACE TEMP MACRO assignment_labels() AS TABLE SELECT * FROM vocabulary_labels('assignment');
CREATE OR REPLACE TEMP MACRO agency_kind_labels() AS TABLE SELECT * FROM vocabulary_labels('agency_kind');
