// object-access-without-ownership-check: path shapes shared by the rule and its cross-file pass.
#pragma once
#include <string_view>

namespace agentlens::rules::object_access {

/// A path of shared catalog data (products, posts, articles, roles, quizzes, …): a GET of one of
/// its records by id needs no owner filter.
bool catalogPath(std::string_view path);

}  // namespace agentlens::rules::object_access
