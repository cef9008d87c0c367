// object-access-without-ownership-check: path shapes shared by the rule and its cross-file pass.
#pragma once
#include <string_view>

namespace agentlens::rules::object_access {

/// A path of shared catalog data (products, posts, articles, roles, quizzes, …): a GET of one of
/// its records by id needs no owner filter.
bool catalogPath(std::string_view path);

/// The handler text names the current principal (`current_user`, `req.user`, `c.Get("user")`), an
/// owner/user/tenant filter, token claims or a permission check.
bool mentionsPrincipal(std::string_view handler);

}  // namespace agentlens::rules::object_access
