// sensitive-data-logged: the names and message shapes that mark a logged value as sensitive.
#pragma once
#include <string_view>

namespace agentlens::rules::sensitive {

/// A name that holds sensitive data (not metadata about it, not an LLM token counter).
bool sensitiveName(std::string_view name);
/// A whole request object (headers, body, cookies, form): it carries credentials and personal data.
bool requestObject(std::string_view t);
/// A format string naming a secret right before a placeholder: "password=%s", "token: {}".
bool secretBeforePlaceholder(std::string_view s);

}  // namespace agentlens::rules::sensitive
