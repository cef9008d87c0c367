#include "rules/database/schema_sources.hpp"

#include <cctype>

namespace agentlens::rules::schemasrc {

/// A script that loads sample or test data (`setup_test_data.py`, `load_demo_data.py`): the tables
/// it creates are a precondition of its inserts, not how the service manages its schema.
bool dataSetupScript(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (auto w : {"test_data", "testdata", "sample_data", "sampledata", "demo_data", "demodata", "fixture", "seed",
                 "dummy_data", "fake_data"})
    if (name.find(w) != std::string::npos) return true;
  return false;
}

/// Go: `//go:embed sql/schema.sql` + `var schema string`, passed to Exec: the path, else "".
std::string embeddedSchema(ts::Node arg, std::string_view src) {
  if (arg.type() != "identifier") return {};
  std::string var = "var " + std::string(arg.text(src)) + " ";
  for (auto p = src.find("//go:embed "); p != std::string_view::npos; p = src.find("//go:embed ", p + 1)) {
    auto eol = src.find('\n', p);
    if (eol == std::string_view::npos) return {};
    std::string path(src.substr(p + 11, eol - p - 11));
    while (!path.empty() && (path.back() == ' ' || path.back() == '\r')) path.pop_back();
    if (!src.substr(eol + 1).starts_with(var) || path.find(' ') != std::string::npos || !path.ends_with(".sql") ||
        path.find("schema") == std::string::npos)
      continue;
    return path;
  }
  return {};
}

}  // namespace agentlens::rules::schemasrc
