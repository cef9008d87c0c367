// sensitive-data-logged: the names and message shapes that mark a logged value as sensitive.
#pragma once
#include <string_view>

namespace agentlens::rules::sensitive {

/// A name that holds sensitive data (not metadata about it, not an LLM token counter).
bool sensitiveName(std::string_view name);
/// A whole request object (headers, body, cookies, form): it carries credentials and personal data.
bool requestObject(std::string_view t);
/// A database connection string (`DATABASE_URL`, `dbURL`, `mongoUri`, `connection_string`): it
/// carries the database password. A bare `dsn` is not one (SQLite's is a file path).
bool connectionStringName(std::string_view name);
/// A headers object the code fills (`headers`, `requestHeaders`; not a response's headers).
bool headersName(std::string_view name);
/// The source sets an Authorization header on an object (`headers['Authorization'] = …`,
/// `{ Authorization: … }`): a headers object logged whole in it carries the credential.
bool setsAuthorizationHeader(std::string_view src);
/// A format string naming a secret right before a placeholder: "password=%s", "token: {}".
bool secretBeforePlaceholder(std::string_view s);

}  // namespace agentlens::rules::sensitive
