#include "core/facts/yaml_doc.hpp"

namespace agentlens::core {

void readYamlFacts(std::string_view, std::string_view, const std::string&, Facts&) {}

}  // namespace agentlens::core
