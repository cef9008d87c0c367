#include "lsp/fix_data.hpp"

namespace agentlens::lsp {
namespace {

std::string_view kindName(core::TextEdit::Kind k) {
  switch (k) {
    case core::TextEdit::Kind::Replace: return "replace";
    case core::TextEdit::Kind::AppendLineIfMissing: return "appendLineIfMissing";
    case core::TextEdit::Kind::CreateFile: return "createFile";
  }
  return "replace";
}

std::optional<core::TextEdit::Kind> kindFromName(std::string_view name) {
  if (name == "replace") return core::TextEdit::Kind::Replace;
  if (name == "appendLineIfMissing") return core::TextEdit::Kind::AppendLineIfMissing;
  if (name == "createFile") return core::TextEdit::Kind::CreateFile;
  return std::nullopt;
}

std::optional<core::Applicability> applicabilityFromName(std::string_view name) {
  if (name == "safe") return core::Applicability::Safe;
  if (name == "unsafe") return core::Applicability::Unsafe;
  if (name == "display-only" || name == "displayonly") return core::Applicability::DisplayOnly;
  return std::nullopt;
}

json positionJson(core::Position p) { return {{"line", p.line}, {"character", p.character}}; }

core::Position readPosition(const Field& f) { return core::Position{f["line"].uinteger(), f["character"].uinteger()}; }

/// An optional array member: absent, null or `{}` is empty (Neovim's JSON encoder writes an empty
/// Lua table, which is what an empty array decodes to, as `{}`).
std::optional<Field> listOf(const Field& f, std::string_view key) {
  auto v = f.opt(key);
  if (!v || (v->raw().is_object() && v->raw().empty())) return std::nullopt;
  (void)v->size();  // anything else must be an array
  return v;
}

/// Absent or null: nullopt; else an integer.
std::optional<std::int64_t> readVersion(const Field& f) {
  auto v = f.opt("version");
  if (!v) return std::nullopt;
  return v->integer();
}

FixData readFix(const Field& f) {
  FixData fix;
  fix.title = f["title"].str();
  auto a = applicabilityFromName(f["applicability"].str());
  if (!a) f["applicability"].fail("unknown applicability \"" + f["applicability"].str() + "\"");
  fix.applicability = *a;
  if (auto edits = listOf(f, "edits")) {
    for (std::size_t i = 0; i < edits->size(); ++i) {
      Field e = edits->at(i);
      fix.edits.push_back({core::Range{readPosition(e["range"]["start"]), readPosition(e["range"]["end"])},
                           e["newText"].str()});
    }
  }
  if (auto fileEdits = listOf(f, "fileEdits")) {
    for (std::size_t i = 0; i < fileEdits->size(); ++i) {
      Field e = fileEdits->at(i);
      auto kind = kindFromName(e["kind"].str());
      if (!kind) e["kind"].fail("unknown edit kind \"" + e["kind"].str() + "\"");
      FileEditData fe{*kind, e["path"].str(), e["text"].str(), e["key"].str(), e["start"].uinteger(),
                      e["end"].uinteger()};
      if (fe.end < fe.start) e["end"].fail("ends before its start");
      fix.fileEdits.push_back(std::move(fe));
    }
  }
  return fix;
}

/// Runs a Field-based reader, turning its RpcError into nullopt + `error`.
template <typename T, typename Read>
std::optional<T> guarded(Read&& read, std::string* error) {
  try {
    return read();
  } catch (const RpcError& e) {
    if (error) *error = e.what();
    return std::nullopt;
  }
}

}  // namespace

json encodeOwnEdit(const OwnEditData& e) {
  return {{"range", {{"start", positionJson(e.range.start)}, {"end", positionJson(e.range.end)}}}, {"newText", e.newText}};
}

json encodeFix(const FixData& fix) {
  json edits = json::array(), fileEdits = json::array();
  for (const auto& e : fix.edits) edits.push_back(encodeOwnEdit(e));
  for (const auto& e : fix.fileEdits)
    fileEdits.push_back({{"kind", kindName(e.kind)},
                         {"path", e.path},
                         {"text", e.text},
                         {"key", e.key},
                         {"start", e.start},
                         {"end", e.end}});
  return {{"title", fix.title},
          {"applicability", core::applicabilityName(fix.applicability)},
          {"edits", std::move(edits)},
          {"fileEdits", std::move(fileEdits)}};
}

json encodeDiagnosticData(const DiagnosticData& data) {
  json fixes = json::array();
  for (const auto& f : data.fixes) fixes.push_back(encodeFix(f));
  return {{"rule", data.rule},
          {"version", data.version ? json(*data.version) : json(nullptr)},
          {"startLine", data.startLine},
          {"fixes", std::move(fixes)}};
}

json encodeResolveData(const ResolveData& data) {
  return {{"uri", data.uri},
          {"version", data.version ? json(*data.version) : json(nullptr)},
          {"fix", encodeFix(data.fix)}};
}

std::optional<FixData> decodeFix(const json& raw, std::string* error, std::string_view path) {
  return guarded<FixData>([&] { return readFix(Field(raw, std::string(path))); }, error);
}

std::optional<DiagnosticData> decodeDiagnosticData(const json& raw, std::string* error) {
  return guarded<DiagnosticData>(
      [&] {
        Field f(raw, "data");
        DiagnosticData d;
        d.rule = f["rule"].str();
        if (d.rule.empty()) f["rule"].fail("empty");
        d.version = readVersion(f);
        if (auto s = f.opt("startLine")) d.startLine = s->uinteger();
        if (auto fixes = listOf(f, "fixes"))
          for (std::size_t i = 0; i < fixes->size(); ++i) d.fixes.push_back(readFix(fixes->at(i)));
        return d;
      },
      error);
}

std::optional<ResolveData> decodeResolveData(const json& raw, std::string* error) {
  return guarded<ResolveData>(
      [&] {
        Field f(raw, "data");
        ResolveData d;
        d.uri = f["uri"].str();
        d.version = readVersion(f);
        d.fix = readFix(f["fix"]);
        return d;
      },
      error);
}

}  // namespace agentlens::lsp
