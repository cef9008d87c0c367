// print-instead-of-logging: the fixes that turn a print into a logger call, per language.
#pragma once
#include <string_view>

namespace agentlens::ts {
class Node;
}
namespace agentlens::core {
struct Finding;
}

namespace agentlens::rules {
class RuleContext;

namespace print_fix {

/// `print(...)` -> `logger.info(...)` with lazy %-style arguments (f-strings converted).
void python(core::Finding& f, RuleContext& ctx, ts::Node call, std::string_view callee);
/// `fmt.Println(...)` -> `log.Println(...)`.
void go(core::Finding& f, RuleContext& ctx, ts::Node call, std::string_view callee);
/// `console.log(...)` -> `logger.info(...)` when the file has a logger.
void js(core::Finding& f, RuleContext& ctx, ts::Node call);

}  // namespace print_fix
}  // namespace agentlens::rules
