#include "core/facts/builder.hpp"

#include "core/facts/prelude.hpp"

namespace agentlens::core {

void FactsBuilder::begin() { facts_ = extractPrelude(file_); }

void FactsBuilder::visit(ts::Node, std::span<const ts::Node>) {
  // Route registry, env reads, DB clients, … are added here (issue: core facts).
}

void FactsBuilder::finish() {}

}  // namespace agentlens::core
