-- Every way an allocation file may name an agency: its code and its typed variants, as fold keys.
SELECT fold_key(code) AS key, code FROM agencies
UNION
SELECT variant_key AS key, agency_code AS code FROM agency_name_variants;
