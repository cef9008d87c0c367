// Secret detection primitives shared by hardcoded-secret and the config-file scanners:
// provider key patterns (the well-known set of gitleaks-style prefixes), credential-like names,
// entropy, and the placeholder/test-data filters that keep the rule quiet on non-secrets.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace agentlens::rules::secrets {

struct ProviderMatch {
  std::string_view provider;  ///< "AWS access key id", "GitHub token", …
  std::size_t offset = 0;     ///< within the scanned text
  std::size_t length = 0;
  bool publishable = false;   ///< meant to be public (Stripe pk_, …): info only
};

/// The first provider pattern found in `text`, if any.
std::optional<ProviderMatch> findProviderKey(std::string_view text);

/// True when a binding name reads like a credential (password, secret, token, api_key, …)
/// and not like metadata about one (token_type, password_field, auth_url, …).
bool isCredentialName(std::string_view name);

/// Shannon entropy in bits per character.
double shannonEntropy(std::string_view s);

/// Why a candidate value is not a secret ("placeholder", "env var name", …), or nullopt when it
/// looks like a real credential value for `name`.
std::optional<std::string_view> notASecret(std::string_view name, std::string_view value);

/// True for a value made of letters only, in words (`topsecret`, `email-server-password`,
/// `nestjsPrismaAccessSecret`): in an example file such a value describes what goes there. Keys
/// and generated passwords carry digits or symbols.
bool isDescriptivePlaceholder(std::string_view value);

/// True when a name holds a key this service signs or encrypts with (`SECRET_KEY`, `JWT_SECRET`,
/// `session_secret`, `signing_key`): any value known from the repository forges tokens, however
/// placeholder-like it reads. Passwords and API keys presented to another service are not.
bool isSigningKeyName(std::string_view name);

/// True for obvious templating ("${X}", "{{ x }}", "%X%", "$X") and empty values: never secrets.
bool isTemplated(std::string_view value);

}  // namespace agentlens::rules::secrets
