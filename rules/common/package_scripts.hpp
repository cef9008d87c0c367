// The scripts of a package.json as the facts index records them (Facts::commands entries
// "package.json:<name>"), each with the byte range of its value in the file, so that a rule can
// report on the value and fix it in place. The facts index parses package.json; this only finds
// where each recorded value is written.
#pragma once
#include <string_view>
#include <vector>

#include "core/facts/facts.hpp"
#include "core/finding.hpp"

namespace agentlens::rules {

struct PackageScript {
  std::string_view name;  ///< the script's name ("start", "postinstall", …); views into the facts
  core::ByteRange value;  ///< the value's text inside its quotes, as written (escapes kept)
};

/// The package.json scripts in `facts` (in file order), located in `src` (the package.json the
/// facts were read from). A script whose value cannot be located (a key written with escapes) is
/// left out.
std::vector<PackageScript> packageScripts(const core::Facts& facts, std::string_view src);

}  // namespace agentlens::rules
