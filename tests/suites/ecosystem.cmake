# The ecosystem check (docs/precision.md): `agentlens check` on the real services in
# ../shared/ecosystem must match tests/ecosystem/snapshot.json, every labeled TP must still be
# reported, and the label files must be well formed. Skipped (77) when the corpus is not beside
# the clone. The script's own logic (sampling, Wilson bound, matching, snapshot diff) is unit-tested.
add_test(NAME ecosystem COMMAND python3 ${PROJECT_SOURCE_DIR}/scripts/ecosystem.py --check
  --skip-missing-corpus --binary $<TARGET_FILE:agentlens>)
set_tests_properties(ecosystem PROPERTIES TIMEOUT 120 SKIP_RETURN_CODE 77)
add_test(NAME ecosystem-script COMMAND python3 ${PROJECT_SOURCE_DIR}/scripts/ecosystem_test.py)
