// Structured-logging text helpers: the field key for an interpolated value and the constant
// message left once the values are taken out (used by unstructured-log-message's fixes).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::rules {

/// snake_case key for an interpolated expression: order_id, order.id -> order_id, user.ID -> user_id
/// (`camel`: orderId).
std::string keyFor(std::string_view expr, bool camel);

/// A plain name or dotted attribute path (`order.id`), safe to move into a field.
bool simpleExpr(std::string_view e);

/// Message text with placeholders removed, whitespace collapsed, trailing separators trimmed.
std::string cleanMessage(std::string msg);

/// A printf format with its verbs taken out (`"order %s done"` -> `"order  done"`), counting them
/// in `verbs`; nullopt for `%%` or an escape, which the fix does not rewrite.
std::optional<std::string> messageWithoutVerbs(std::string_view format, std::size_t& verbs);

}  // namespace agentlens::rules
