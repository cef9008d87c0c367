// Shapes of database/broker connection strings, for hardcoded-connection-string.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::rules::connstr {

/// What a candidate literal is, and where its password sits inside the value.
struct Candidate {
  std::string display;  ///< scheme://host[:port][/path], no credentials
  std::string host;
  bool sqlite = false;
  std::size_t pwOffset = 0, pwLength = 0;
  bool realPassword = false;
};

/// The connection string a literal value holds, or nullopt.
std::optional<Candidate> classify(std::string_view v);
/// `{…}`, `%s`, `${…}`: a template, not a literal connection string.
bool isTemplated(std::string_view v);
/// A templated SQLite URL whose file name is written in the code and whose directory is computed
/// from the code's location, not read from the environment or a settings object.
bool codeRelativeSqlite(std::string_view v);

}  // namespace agentlens::rules::connstr
