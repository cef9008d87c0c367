// dev-settings-default: a deployed Django entry point (wsgi/asgi/celery) that falls back to a
// development or base settings module when DJANGO_SETTINGS_MODULE is not set.
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds `os.environ.setdefault("DJANGO_SETTINGS_MODULE", "…")` in the modules that run in
production — `wsgi.py`, `asgi.py`, a Celery app — when the default is a development or shared base
settings module (`….base`, `….dev`, `….development`, `….local`, `….debug`).

Not flagged: `manage.py` (a developer tool: defaulting it to local settings is the usual layout),
defaults that name a production module or a single `settings` module, and tests.

## Why is this bad?
The fallback is what runs when a deployment forgets the variable. Base and development settings
usually carry `DEBUG = True`, `ALLOWED_HOSTS = ["*"]` and a hardcoded `SECRET_KEY`: the service
starts and serves traffic with all of them, and nothing fails loudly.

## Example
```python
# config/wsgi.py
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
application = get_wsgi_application()
```

Use instead:
```python
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
```
(or no default at all, so a missing variable fails at startup)

## References
- Django docs: deployment checklist; "Designating the settings"
)md";

const RuleMeta kMeta{
    .id = "dev-settings-default",
    .category = core::Category::Configuration,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::Python},
    .summary = "Deployed Django entry point falls back to development/base settings",
    .docs = kDocs,
    .mode = ScoreMode::Presence,
};

std::string_view baseName(std::string_view path) {
  auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// The last dotted segment names a development or shared base settings module.
bool devModule(std::string_view module) {
  auto dot = module.rfind('.');
  if (dot == std::string_view::npos) return false;  // `settings`: one module for every environment
  auto last = module.substr(dot + 1);
  for (std::string_view d : {"base", "common", "dev", "develop", "development", "local", "debug"})
    if (last == d) return true;
  return false;
}

class DevSettingsDefault final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"call"}; }

  void visit(ts::Node call, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto file = baseName(ctx.file().path);
    if (file == "manage.py" || file.starts_with("test")) return;
    auto src = ctx.source();
    auto callee = calleeText(call, src);
    if (!callee.ends_with("environ.setdefault")) return;
    ts::Node args = call.field("arguments");
    if (!args || args.namedChildCount() != 2) return;
    auto name = stringLiteralValue(args.namedChild(0), src, Lang::Python);
    auto value = stringLiteralValue(args.namedChild(1), src, Lang::Python);
    if (!name || !value || *name != "DJANGO_SETTINGS_MODULE" || !devModule(*value)) return;
    ctx.report(call, "DJANGO_SETTINGS_MODULE defaults to `" + std::string(*value) +
                         "`: a deployment that forgets the variable runs development/base settings (DEBUG, hosts, "
                         "secret key); default to the production module or fail when it is unset");
  }
};

}  // namespace

const Rule& devSettingsDefault() {
  static const DevSettingsDefault rule;
  return rule;
}

}  // namespace agentlens::rules
