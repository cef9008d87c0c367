// fk-without-index: foreign-key columns without an index (PostgreSQL does not create one).
#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds foreign-key columns declared without an index:
- SQLAlchemy `Column(…, ForeignKey(…))` / `mapped_column(ForeignKey(…))` and SQLModel
  `Field(foreign_key=…)` without `index=True`, `unique=True` or `primary_key=True`, and not the
  leading column of an `Index(…)`/unique constraint in `__table_args__`;
- GORM struct fields that are foreign keys by convention (`UserID` next to a `User` field, or the
  target of a `[]Order` has-many) or by tag (`foreignKey`), without `gorm:"index"`, in files that
  use GORM (they import it or carry `gorm:` tags); a primary-key field is covered only when it
  leads the key (the first one declared), not as the second column of a composite key.

## Why is this bad?
PostgreSQL does not index foreign-key columns. Every "orders of this user" lookup and every join on
the key becomes a sequential scan, and deleting a parent row scans the whole child table to check
the constraint. It is invisible with 100 rows in development and a timeout with 10 million.

Not flagged: Django `ForeignKey` (indexed automatically), files that target MySQL (InnoDB indexes
foreign keys itself), columns covered by a primary key, a unique constraint or an index. With
the whole service in view, a key that nothing looks up or joins by is not flagged either: no query
string names the column, no struct literal or `filter_by(...)` keys on it, no `Model.col ==`
comparison, and no has-many association (`Comments []Comment` in `Article`, a `foreignKey:` tag,
`relationship("Comment")`) loads the children by it; such a key is only followed from the child
to its parent, by the parent's primary key.

## Example
```python
class Order(Base):
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)
```

Use instead:
```python
class Order(Base):
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False, index=True)
```

## Fix safety
The fix adds `index=True` / `gorm:"index"` to the model: an exact edit of the declaration, safe.
The index is only created by your next migration (or `AutoMigrate`); on a large live table create it
concurrently.

## References
- PostgreSQL docs: "Foreign Keys" (an index on referencing columns is not created automatically)
- SQLAlchemy docs: `Column.index`; GORM docs: indexes
)md";

const RuleMeta kMeta{
    .id = "fk-without-index",
    .category = core::Category::Database,
    .severity = core::Severity::Low,
    .confidence = core::Confidence::Medium,
    .languages = {core::Lang::Python, core::Lang::Go},
    .summary = "Foreign-key column without an index",
    .docs = kDocs,
    .fix = core::Applicability::Safe,
    .mode = ScoreMode::Presence,
    .planTitle = "Index foreign-key columns",
    .effort = core::Effort::XS,
};

bool targetsMysql(std::string_view src) {
  return src.find("mysql+") != std::string_view::npos || src.find("mysql://") != std::string_view::npos;
}

bool isPrimaryKey(std::string_view gormTag) {
  for (auto k : {"primaryKey", "primarykey", "primary_key", "PRIMARY_KEY"})
    if (gormTag.find(k) != std::string_view::npos) return true;
  return false;
}

std::string_view gormTagOf(ts::Node field, std::string_view src) {
  ts::Node tag = field.field("tag");
  std::string_view t = tag ? tag.text(src) : std::string_view();
  auto at = t.find("gorm:\"");
  if (at == std::string_view::npos) return {};
  auto end = t.find('"', at + 6);
  return t.substr(at + 6, end == std::string_view::npos ? 0 : end - at - 6);
}

/// `field` is the first field of its struct tagged as a primary key.
bool firstPrimaryKey(ts::Node list, ts::Node field, std::string_view src) {
  for (std::uint32_t i = 0; i < list.namedChildCount(); ++i) {
    ts::Node other = list.namedChild(i);
    if (other.type() != "field_declaration" || !isPrimaryKey(gormTagOf(other, src))) continue;
    return other == field;
  }
  return false;
}

bool usesGorm(std::string_view src) {
  return src.find("gorm.io/gorm") != std::string_view::npos || src.find("jinzhu/gorm") != std::string_view::npos ||
         src.find("gorm:\"") != std::string_view::npos;
}

class FkWithoutIndex final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang lang) const override {
    if (lang == Lang::Python) return {"call"};
    return {"field_declaration"};
  }

  void visit(ts::Node node, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated() || ctx.facts().role == core::FileRole::Migration) return;
    // targetsMysql() reads the whole file: it runs in python()/go() only once a node is a
    // candidate (checking it first for every call made the rule quadratic in the file size).
    if (ctx.lang() == Lang::Python) python(node, ctx);
    else go(node, ctx);
  }

 private:
  static void python(ts::Node call, RuleContext& ctx) {
    auto src = ctx.source();
    auto name = calleeName(call, src);
    if (name != "Column" && name != "mapped_column" && name != "Field") return;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() == 0) return;
    bool fk = false;
    std::string column;
    for (std::uint32_t i = 0; i < args.namedChildCount(); ++i) {
      ts::Node a = args.namedChild(i);
      if (a.type() == "call" && calleeName(a, src) == "ForeignKey") fk = true;
      if (a.type() == "keyword_argument") {
        auto k = a.field("name").text(src);
        auto v = a.field("value").text(src);
        if (k == "foreign_key") fk = true;
        if ((k == "index" || k == "unique" || k == "primary_key") && v == "True") return;
      }
      if (a.type() == "dictionary_splat") return;
      if (i == 0 && a.type() == "string")
        if (auto s = stringLiteralValue(a, src, ctx.lang())) column = std::string(*s);
    }
    if (!fk || targetsMysql(src)) return;
    // The column's attribute name: `user_id = Column(...)` / `user_id: Mapped[int] = mapped_column(...)`.
    auto anc = ctx.ancestors();
    if (column.empty() && !anc.empty() && anc.back().type() == "assignment")
      column = std::string(anc.back().field("left").text(src));
    if (column.empty()) return;
    ts::Node cls = ctx.nearestAncestor({"class_definition"});
    if (cls) {
      auto body = cls.text(src);
      std::string q1 = "\"" + column + "\"", q2 = "'" + column + "'";
      // Covered by an Index(...) or leading a unique/primary-key constraint.
      for (auto ctor : {"Constraint(" + q1, "Constraint(" + q2})
        if (body.find(ctor) != std::string_view::npos) return;
      for (std::size_t at = body.find("Index("); at != std::string_view::npos; at = body.find("Index(", at + 1)) {
        auto close = body.find(')', at);
        auto part = body.substr(at, close == std::string_view::npos ? std::string_view::npos : close - at);
        if (part.find(q1) != std::string_view::npos || part.find(q2) != std::string_view::npos ||
            part.find("." + column) != std::string_view::npos)
          return;
      }
    }
    auto& f = ctx.report(call, "foreign key `" + column + "` has no index: lookups and joins on it scan the table; add `index=True`");
    core::Fix fix{.title = "Add `index=True`", .applicability = core::Applicability::Safe};
    ts::Node last = args.namedChild(args.namedChildCount() - 1);
    core::TextEdit e;
    e.range = {last.endByte(), last.endByte()};
    e.text = ", index=True";
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }

  static void go(ts::Node field, RuleContext& ctx) {
    auto src = ctx.source();
    ts::Node nameNode = field.field("name");
    ts::Node type = field.field("type");
    if (!nameNode || !type) return;
    std::string name(nameNode.text(src));
    if (name.size() <= 2 || !name.ends_with("ID")) return;
    auto t = type.text(src);
    bool keyType = t == "uint" || t == "int" || t == "int64" || t == "uint64" || t == "int32" || t == "uint32" ||
                   t == "*uint" || t == "*int64" || t == "string" || t == "uuid.UUID";
    if (!keyType || targetsMysql(src)) return;
    ts::Node tag = field.field("tag");
    std::string_view tagText = tag ? tag.text(src) : std::string_view();
    auto gormAt = tagText.find("gorm:\"");
    std::string_view gorm;
    if (gormAt != std::string_view::npos) {
      auto end = tagText.find('"', gormAt + 6);
      gorm = tagText.substr(gormAt + 6, end == std::string_view::npos ? 0 : end - gormAt - 6);
    }
    for (auto k : {"index", "uniqueIndex", "unique"})
      if (gorm.find(k) != std::string_view::npos) return;
    // A primary-key column is indexed when it leads the key: the first primary-key field of the
    // struct (GORM orders a composite key as the fields are declared).
    bool pk = isPrimaryKey(gorm);
    // Is it a foreign key? Same-struct association, has-many on the other side, or a tag.
    std::string prefix = name.substr(0, name.size() - 2);
    ts::Node list = ctx.nearestAncestor({"field_declaration_list"});
    ts::Node spec = ctx.nearestAncestor({"type_spec"});
    if (!list || !spec) return;
    bool fk = gorm.find("foreignKey") != std::string_view::npos;
    for (std::uint32_t i = 0; !fk && i < list.namedChildCount(); ++i) {
      ts::Node other = list.namedChild(i);
      if (other.type() != "field_declaration") continue;
      ts::Node otherName = other.field("name"), otherType = other.field("type");
      if (!otherName || !otherType) continue;  // an embedded field (gorm.Model) has no name
      auto on = otherName.text(src);
      auto ot = otherType.text(src);
      if (on == prefix && (ot == prefix || ot == "*" + prefix || ot.ends_with("." + prefix) || ot.ends_with(prefix)))
        fk = true;
    }
    ts::Node specName = spec.field("name");
    if (!specName) return;
    std::string structName(specName.text(src));
    if (!fk && (src.find("[]" + structName + "\n") != std::string_view::npos ||
                src.find("[]*" + structName + "\n") != std::string_view::npos ||
                src.find("[]" + structName + " ") != std::string_view::npos ||
                src.find("[]" + structName + "\t") != std::string_view::npos ||
                src.find("[]*" + structName + " ") != std::string_view::npos))
      fk = true;
    if (!fk) return;
    if (pk && firstPrimaryKey(list, field, src)) return;
    // Plain domain structs (no GORM import, no gorm tags) say nothing about the schema: the
    // tables and their indexes are written elsewhere (SQL migrations).
    if (!usesGorm(src)) return;
    auto& f = ctx.report(nameNode, "foreign key `" + structName + "." + name +
                                       "` has no index: lookups and joins on it scan the table; add `gorm:\"index\"`");
    core::Fix fix{.title = "Add `gorm:\"index\"`", .applicability = core::Applicability::Safe};
    core::TextEdit e;
    if (!tag) {
      e.range = {type.endByte(), type.endByte()};
      e.text = " `gorm:\"index\"`";
    } else if (gormAt != std::string_view::npos) {
      auto close = tagText.find('"', gormAt + 6);
      std::uint32_t at = tag.startByte() + static_cast<std::uint32_t>(close);
      e.range = {at, at};
      e.text = gorm.empty() ? "index" : ";index";
    } else {
      if (tag.type() != "raw_string_literal") return;
      e.range = {tag.endByte() - 1, tag.endByte() - 1};
      e.text = " gorm:\"index\"";
    }
    fix.edits.push_back(e);
    f.fixes.push_back(fix);
  }
};

}  // namespace

const Rule& fkWithoutIndex() {
  static const FkWithoutIndex rule;
  return rule;
}

}  // namespace agentlens::rules
