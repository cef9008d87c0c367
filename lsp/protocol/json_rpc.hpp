// JSON-RPC 2.0 pieces: error codes (JSON-RPC and LSP), the error a handler throws, and Field, a
// checked view of a JSON value that names its path in every error ("params.textDocument.uri:
// expected string") so InvalidParams replies say exactly which field was wrong.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace agentlens::lsp {

using json = nlohmann::json;

enum class ErrorCode : int {
  ParseError = -32700,
  InvalidRequest = -32600,
  MethodNotFound = -32601,
  InvalidParams = -32602,
  InternalError = -32603,
  ServerNotInitialized = -32002,
  RequestFailed = -32803,
  ServerCancelled = -32802,
  ContentModified = -32801,
  RequestCancelled = -32800,
};

/// Thrown by handlers; the dispatcher turns it into an error response.
class RpcError : public std::runtime_error {
 public:
  RpcError(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  [[nodiscard]] ErrorCode code() const { return code_; }

 private:
  ErrorCode code_;
};

/// A JSON value plus its path from the message root. Accessors throw RpcError(InvalidParams).
class Field {
 public:
  Field(const json& value, std::string path) : v_(&value), path_(std::move(path)) {}

  [[nodiscard]] const json& raw() const { return *v_; }
  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] bool isNull() const { return v_->is_null(); }

  /// A required member (the value must be an object).
  [[nodiscard]] Field operator[](std::string_view key) const;
  /// An optional member: nullopt when absent or null.
  [[nodiscard]] std::optional<Field> opt(std::string_view key) const;
  [[nodiscard]] Field at(std::size_t i) const;
  [[nodiscard]] std::size_t size() const;  ///< array length (must be an array)

  [[nodiscard]] std::string str() const;
  [[nodiscard]] std::int64_t integer() const;
  [[nodiscard]] std::uint32_t uinteger() const;
  [[nodiscard]] bool boolean() const;
  void requireObject() const;

  [[noreturn]] void fail(std::string_view what) const;

 private:
  const json* v_;
  std::string path_;
};

/// Builders for outgoing messages.
json makeResponse(const json& id, json result);
json makeError(const json& id, ErrorCode code, std::string_view message);
json makeNotification(std::string_view method, json params);
json makeRequest(const json& id, std::string_view method, json params);

}  // namespace agentlens::lsp
