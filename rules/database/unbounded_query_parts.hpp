// unbounded-query: text helpers and the Python query-variable lookup the rule's shape checks
// share. Internal to the rule.
#pragma once
#include <string>
#include <string_view>

#include "core/ts/ts.hpp"

namespace agentlens::rules::unbounded {

inline bool has(std::string_view s, std::string_view t) { return s.find(t) != std::string_view::npos; }
/// ASCII upper case.
std::string upper(std::string_view s);
/// Lookup tables (countries, currencies, roles, settings, tags, plans, …): small by nature.
bool referenceTable(std::string_view text);
/// Python: the ORM query an identifier receiver was assigned in the handler (`q = db.session.query(A)`
/// then `q.all()`), as text, or "" when the receiver is not a plain local holding a query.
std::string queryHeldBy(ts::Node call, ts::Node handler, std::string_view src);

}  // namespace agentlens::rules::unbounded
