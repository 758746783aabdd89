-- Rows that migration 005 carried over from a release that knew one plan, one province and
-- one congress ('?' placeholders) are claimed by the earliest shipped ones.
-- Parameters: $plan, $province, $congress.
UPDATE movements SET plan_code = $plan WHERE plan_code = '?';
UPDATE agencies SET province = $province WHERE province = '?';
UPDATE agency_plans SET plan_code = $plan WHERE plan_code = '?';
UPDATE delegate_allocations SET congress_code = $congress WHERE congress_code = '?';
UPDATE exemplars SET plan_code = $plan WHERE plan_code = '?';
