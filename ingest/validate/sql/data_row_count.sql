-- The staged rows that are data (not ignored): none means the file has no list under its header.
SELECT count(*)::INTEGER AS n FROM upload_rows WHERE src_row NOT IN (SELECT src_row FROM upload_ignored);
