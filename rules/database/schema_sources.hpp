// runtime-schema-management: where a schema comes from — a data-setup script whose tables are a
// precondition of its inserts, or a schema file embedded into a Go binary.
#pragma once
#include <string>
#include <string_view>

#include "core/ts/ts.hpp"

namespace agentlens::rules::schemasrc {

/// A script that loads sample or test data (`setup_test_data.py`, `seed_demo.py`).
bool dataSetupScript(const std::string& path);
/// Go: `//go:embed sql/schema.sql` + `var schema string`, passed as `arg`: the path, else "".
std::string embeddedSchema(ts::Node arg, std::string_view src);

}  // namespace agentlens::rules::schemasrc
