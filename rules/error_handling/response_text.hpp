// unchecked-response-status: text searches over a function body for the uses of a response
// variable (its status read, the response handed to a checking helper).
#pragma once
#include <initializer_list>
#include <string_view>

namespace agentlens::rules::resptext {

/// True when text[p, p+n) is a whole identifier.
bool word(std::string_view text, std::size_t p, std::size_t n);
/// `name` followed by one of the suffixes, as a whole identifier.
bool uses(std::string_view text, std::string_view name, std::initializer_list<std::string_view> suffixes);
/// `name` passed as an argument to a call that is not logging or printing.
bool passedToHelper(std::string_view text, std::string_view name);
/// The decoded body's own status checked after `NewDecoder(var.Body).Decode(&x)` (Go).
bool apiStatusChecked(std::string_view text, std::string_view var);

}  // namespace agentlens::rules::resptext
