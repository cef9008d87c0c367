// cdn-origin-over-http: an AWS CDK CloudFront origin reached over plain HTTP.
#include <string>

#include "rules/common/syntax.hpp"
#include "rules/rule.hpp"

namespace agentlens::rules {
namespace {

using core::Lang;

constexpr std::string_view kDocs = R"md(## What it does
Finds AWS CDK CloudFront origins configured with `protocolPolicy:
cloudfront.OriginProtocolPolicy.HTTP_ONLY` (`origins.HttpOrigin`, `origins.LoadBalancerV2Origin`,
`CfnDistribution` origin configs): CloudFront serves viewers over HTTPS, then forwards every
request to the origin in clear text.

Not flagged: S3 website origins (`S3StaticWebsiteOrigin`, `*.s3-website*` domains), which only
speak HTTP and serve public static files; `HTTPS_ONLY` and `MATCH_VIEWER` policies; tests.

## Why is this bad?
The hop from CloudFront to the origin crosses the internet (an internet-facing load balancer, an
API's public endpoint). Everything the browser sent over TLS — bearer tokens, cookies, request
bodies — travels that hop unencrypted, and anyone on the path can read or change it. The padlock
in the browser says nothing about it.

## Example
```typescript
new origins.HttpOrigin(albDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTP_ONLY });
```

Use instead:
```typescript
new origins.HttpOrigin(albDomain, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY });
// with an ACM certificate on the load balancer's HTTPS listener
```

## References
- AWS docs: "Requiring HTTPS for communication between CloudFront and your custom origin"
- CWE-319: Cleartext Transmission of Sensitive Information
)md";

const RuleMeta kMeta{
    .id = "cdn-origin-over-http",
    .category = core::Category::Security,
    .severity = core::Severity::Medium,
    .confidence = core::Confidence::High,
    .languages = {Lang::JavaScript, Lang::TypeScript},
    .summary = "CloudFront forwards requests to its origin over plain HTTP",
    .docs = kDocs,
    .planTitle = "Use HTTPS between the CDN and the origin",
    .effort = core::Effort::S,
};

class CdnOriginOverHttp final : public Rule {
 public:
  const RuleMeta& meta() const override { return kMeta; }
  std::vector<std::string_view> nodeTypes(Lang) const override { return {"pair"}; }

  void visit(ts::Node pair, RuleContext& ctx) const override {
    if (ctx.facts().isTestOrGenerated()) return;
    auto src = ctx.source();
    auto key = pair.field("key").text(src);
    if (key != "protocolPolicy" && key != "originProtocolPolicy") return;
    auto value = pair.field("value").text(src);
    if (!value.ends_with("OriginProtocolPolicy.HTTP_ONLY") && value != "'http-only'" && value != "\"http-only\"") return;
    // The origin this option belongs to: an S3 website endpoint only speaks HTTP.
    ts::Node call = ctx.nearestAncestor({"new_expression", "call_expression"});
    auto origin = call ? call.text(src) : std::string_view{};
    if (origin.find("S3StaticWebsiteOrigin") != std::string_view::npos || origin.find("s3-website") != std::string_view::npos ||
        origin.find("websiteUrl") != std::string_view::npos || origin.find("bucketWebsite") != std::string_view::npos)
      return;
    ctx.report(pair, "the CloudFront origin is reached over plain HTTP (`" + std::string(value) +
                         "`): tokens, cookies and bodies the viewer sent over TLS cross the internet unencrypted to "
                         "the origin; use HTTPS_ONLY with a certificate on the origin");
  }
};

}  // namespace

const Rule& cdnOriginOverHttp() {
  static const CdnOriginOverHttp rule;
  return rule;
}

}  // namespace agentlens::rules
