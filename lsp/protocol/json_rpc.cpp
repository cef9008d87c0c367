#include "lsp/protocol/json_rpc.hpp"

namespace agentlens::lsp {
namespace {
const char* typeName(const json& v) {
  switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "object";
    case json::value_t::array: return "array";
    case json::value_t::string: return "string";
    case json::value_t::boolean: return "boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return "integer";
    case json::value_t::number_float: return "number";
    default: return "value";
  }
}
}  // namespace

void Field::fail(std::string_view what) const {
  throw RpcError(ErrorCode::InvalidParams, path_ + ": " + std::string(what));
}

void Field::requireObject() const {
  if (!v_->is_object()) fail(std::string("expected object, got ") + typeName(*v_));
}

Field Field::operator[](std::string_view key) const {
  requireObject();
  auto it = v_->find(key);
  std::string sub = path_ + "." + std::string(key);
  if (it == v_->end()) throw RpcError(ErrorCode::InvalidParams, sub + ": missing");
  return Field(*it, std::move(sub));
}

std::optional<Field> Field::opt(std::string_view key) const {
  if (!v_->is_object()) return std::nullopt;
  auto it = v_->find(key);
  if (it == v_->end() || it->is_null()) return std::nullopt;
  return Field(*it, path_ + "." + std::string(key));
}

std::size_t Field::size() const {
  if (!v_->is_array()) fail(std::string("expected array, got ") + typeName(*v_));
  return v_->size();
}

Field Field::at(std::size_t i) const {
  if (!v_->is_array() || i >= v_->size()) fail("index out of range");
  return Field((*v_)[i], path_ + "[" + std::to_string(i) + "]");
}

std::string Field::str() const {
  if (!v_->is_string()) fail(std::string("expected string, got ") + typeName(*v_));
  return v_->get<std::string>();
}

std::int64_t Field::integer() const {
  if (!v_->is_number_integer()) fail(std::string("expected integer, got ") + typeName(*v_));
  return v_->get<std::int64_t>();
}

std::uint32_t Field::uinteger() const {
  auto n = integer();
  if (n < 0 || n > 0x7fffffff) fail("expected a non-negative integer");
  return static_cast<std::uint32_t>(n);
}

bool Field::boolean() const {
  if (!v_->is_boolean()) fail(std::string("expected boolean, got ") + typeName(*v_));
  return v_->get<bool>();
}

json makeResponse(const json& id, json result) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json makeError(const json& id, ErrorCode code, std::string_view message) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", static_cast<int>(code)}, {"message", message}}}};
}

json makeNotification(std::string_view method, json params) {
  return json{{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

json makeRequest(const json& id, std::string_view method, json params) {
  return json{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
}

}  // namespace agentlens::lsp
