// fk-without-index across files (see fk_usage.hpp).
#include "rules/database/fk_usage.hpp"

#include <algorithm>
#include <cctype>
#include <map>

#include "core/text/path_text.hpp"

namespace agentlens::rules {
namespace {

using core::text::asciiLower;

bool word(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

/// `needle` at `at` is a whole identifier.
bool whole(std::string_view t, std::size_t at, std::size_t len) {
  return (at == 0 || !word(t[at - 1])) && (at + len >= t.size() || !word(t[at + len]));
}

/// GORM's column name for a field: `FavoriteByID` -> `favorite_by_id`, `UserModelID` -> `user_model_id`.
std::string snake(std::string_view name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    bool upper = std::isupper(static_cast<unsigned char>(c));
    if (upper && i > 0) {
      char p = name[i - 1];
      bool nextLower = i + 1 < name.size() && std::islower(static_cast<unsigned char>(name[i + 1]));
      if (std::islower(static_cast<unsigned char>(p)) || std::isdigit(static_cast<unsigned char>(p)) ||
          (std::isupper(static_cast<unsigned char>(p)) && nextLower))
        out += '_';
    }
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view lineAround(std::string_view t, std::size_t at) {
  auto s = t.rfind('\n', at);
  s = s == std::string_view::npos ? 0 : s + 1;
  auto e = t.find('\n', at);
  return t.substr(s, (e == std::string_view::npos ? t.size() : e) - s);
}

bool commentLine(std::string_view line) {
  auto f = line.find_first_not_of(" \t");
  return f != std::string_view::npos && (line.substr(f).starts_with("//") || line[f] == '#');
}

/// The column inside a query string: `Where("author_id in (?)")`, `text("… WHERE user_id = :u")`.
bool inQueryString(std::string_view t, std::string_view column) {
  for (auto at = t.find(column); at != std::string_view::npos; at = t.find(column, at + 1)) {
    if (!whole(t, at, column.size())) continue;
    std::string_view line = lineAround(t, at);
    std::size_t col = at - static_cast<std::size_t>(line.data() - t.data());
    std::string_view before = line.substr(0, col);
    bool quoted = false;
    for (char q : {'"', '\'', '`'}) quoted = quoted || std::count(before.begin(), before.end(), q) % 2 == 1;
    if (!quoted || commentLine(line)) continue;
    std::string l = asciiLower(line);
    for (auto w : {"where", "join", "select", "query", "filter", "delete", "update", "raw", "exec", " on "})
      if (l.find(w) != std::string::npos) return true;
  }
  return false;
}

struct Fk {
  bool go = false;
  std::string owner;   ///< the model (struct or class) declaring the key
  std::string field;   ///< Go field name (`AuthorID`), or the Python attribute
  std::string column;  ///< column name (`author_id`)
};

/// Go: a struct literal keyed by the field (`Where(&Comment{UserID: id})`), a `foreignKey:` tag
/// naming it, or a has-many slice of the owner in a struct named for the key (`Comments []Comment`
/// in `Article` for `ArticleID`).
bool goUses(std::string_view t, const Fk& k) {
  for (auto at = t.find(k.field); at != std::string_view::npos; at = t.find(k.field, at + 1)) {
    if (!whole(t, at, k.field.size())) continue;
    auto p = at + k.field.size();
    while (p < t.size() && (t[p] == ' ' || t[p] == '\t')) ++p;
    if (p < t.size() && t[p] == ':' && (p + 1 >= t.size() || t[p + 1] != '=') && !commentLine(lineAround(t, at)))
      return true;
  }
  std::string l = asciiLower(t), tag = "foreignkey:" + asciiLower(k.field);
  for (auto at = l.find(tag); at != std::string::npos; at = l.find(tag, at + 1))
    if (at + tag.size() >= l.size() || !word(l[at + tag.size()])) return true;
  for (auto at = t.find("[]"); at != std::string_view::npos; at = t.find("[]", at + 2)) {
    auto b = at + 2;
    while (b < t.size() && (t[b] == '*' || word(t[b]) || t[b] == '.')) ++b;
    std::string_view type = t.substr(at + 2, b - at - 2);
    if (!type.empty() && type.front() == '*') type.remove_prefix(1);
    if (auto dot = type.rfind('.'); dot != std::string_view::npos) type = type.substr(dot + 1);
    if (type != k.owner) continue;
    auto decl = t.rfind("type ", at);
    if (decl == std::string_view::npos) continue;
    auto e = decl + 5;
    while (e < t.size() && word(t[e])) ++e;
    if (std::string(t.substr(decl + 5, e - decl - 5)) + "ID" == k.field) return true;
  }
  return false;
}

/// Python: `filter_by(user_id=…)`, `Model.user_id == …` / `.in_(…)`, or a collection of the owner
/// (`relationship("Comment")`, `list["Comment"]`, a `backref`).
bool pyUses(std::string_view t, const Fk& k) {
  std::string dotted = "." + k.column;
  for (auto at = t.find(dotted); at != std::string_view::npos; at = t.find(dotted, at + 1)) {
    if (!whole(t, at + 1, k.column.size())) continue;
    std::string_view rest = t.substr(at + dotted.size(), 8);
    auto f = rest.find_first_not_of(' ');
    rest = f == std::string_view::npos ? std::string_view() : rest.substr(f);
    if (rest.starts_with("==") || rest.starts_with("!=") || rest.starts_with(".in_(") || rest.starts_with(".is_("))
      return true;
  }
  std::string kw = k.column + "=";
  for (auto at = t.find(kw); at != std::string_view::npos; at = t.find(kw, at + 1)) {
    if (!whole(t, at, k.column.size()) || (at + kw.size() < t.size() && t[at + kw.size()] == '=')) continue;
    std::string_view line = lineAround(t, at);
    if (line.find("filter_by(") != std::string_view::npos || line.find("get_or_404(") != std::string_view::npos)
      return true;
  }
  for (std::string q : {"\"" + k.owner + "\"", "'" + k.owner + "'"})
    for (std::string pre : {"relationship(", "List[", "list[", "Relationship(", "relation("})
      if (t.find(pre + q) != std::string_view::npos) return true;
  for (std::string pre : {"List[", "list[", "relationship("})
    for (auto at = t.find(pre + k.owner); at != std::string_view::npos; at = t.find(pre + k.owner, at + 1))
      if (whole(t, at + pre.size(), k.owner.size())) return true;
  return false;
}

/// The class enclosing a 0-based line: the last `class X(` at the start of a line before it.
std::string pyClassAt(std::string_view text, std::uint32_t line) {
  std::size_t pos = 0;
  for (std::uint32_t l = 0; l < line && pos != std::string_view::npos; ++l) {
    pos = text.find('\n', pos);
    if (pos != std::string_view::npos) ++pos;
  }
  std::string_view before = text.substr(0, pos == std::string_view::npos ? text.size() : pos);
  for (auto at = before.rfind("class "); at != std::string_view::npos; at = before.rfind("class ", at - 1)) {
    if (at == 0 || before[at - 1] == '\n') {
      auto e = at + 6;
      while (e < before.size() && word(before[e])) ++e;
      return std::string(before.substr(at + 6, e - at - 6));
    }
    if (at == 0) break;
  }
  return "";
}

std::optional<Fk> parse(const core::Finding& f, std::string_view fileText, bool go) {
  constexpr std::string_view kHead = "foreign key `";
  if (!f.message.starts_with(kHead)) return std::nullopt;
  auto end = f.message.find('`', kHead.size());
  if (end == std::string::npos) return std::nullopt;
  std::string name = f.message.substr(kHead.size(), end - kHead.size());
  Fk k;
  k.go = go;
  if (go) {
    auto dot = name.find('.');
    if (dot == std::string::npos) return std::nullopt;
    k.owner = name.substr(0, dot);
    k.field = name.substr(dot + 1);
    k.column = snake(k.field);
  } else {
    k.field = k.column = name;
    k.owner = pyClassAt(fileText, f.start.line);
  }
  return k;
}

}  // namespace

void fkUnqueriedAcrossFiles(std::vector<core::FileResult>& files, const WorkspaceView& view) {
  std::map<std::string, std::optional<std::string>> texts;
  auto text = [&](const std::string& path) -> const std::optional<std::string>& {
    auto it = texts.find(path);
    if (it == texts.end()) it = texts.emplace(path, view.read(path)).first;
    return it->second;
  };
  auto used = [&](const Fk& k, core::Lang lang) {
    std::size_t sources = 0;
    for (const auto* f : view.files()) {
      if (f->lang != lang || f->facts.isTestOrGenerated() || f->facts.role == core::FileRole::Migration) continue;
      const auto& t = text(f->path);
      if (!t) continue;
      ++sources;
      if (inQueryString(*t, k.column) || (k.go ? goUses(*t, k) : pyUses(*t, k))) return true;
    }
    return sources < 2;  // a lone models file shows nothing about the queries: keep the finding
  };
  for (auto& fr : files) {
    if (fr.lang != core::Lang::Go && fr.lang != core::Lang::Python) continue;
    const auto& own = text(fr.path);
    if (!own) continue;
    std::erase_if(fr.findings, [&](const core::Finding& f) {
      if (f.ruleId != "fk-without-index") return false;
      auto k = parse(f, *own, fr.lang == core::Lang::Go);
      return k && !k->owner.empty() && !used(*k, fr.lang);
    });
  }
}

}  // namespace agentlens::rules
