-- Every way a succession row may name a registered agency: code, name and typed variants, as fold keys.
SELECT fold_key(code) AS key, code FROM agencies
UNION SELECT fold_key(name), code FROM agencies
UNION SELECT variant_key, agency_code FROM agency_name_variants;
