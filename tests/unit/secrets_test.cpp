// Secret detection primitives: provider patterns, credential names, placeholder filters.
#include <doctest/doctest.h>

#include "rules/common/secrets.hpp"

using namespace agentlens::rules::secrets;

TEST_SUITE("unit") {
  TEST_CASE("provider keys are found by prefix and shape, with their position") {
    auto m = findProviderKey("key = ghp_R7tY8xQ2eZvKYlo2C8Nv3mR7tYpQa1b2c3d4;");
    REQUIRE(m);
    CHECK(m->provider == "GitHub token");
    CHECK(m->offset == 6);
    CHECK(m->length == 40);
    CHECK(findProviderKey("AKIAJ7Q2ZL4WVXN3RBQE")->provider == "AWS access key id");
    CHECK(findProviderKey("xoxb-2485713990-4821937762-q8Rz2LpX7vN4mKt9WbJ3abcd"));
    CHECK(findProviderKey("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n"
                          "-----END OPENSSH PRIVATE KEY-----")
              ->provider == "private key (PEM)");
    CHECK(findProviderKey("pk_live_51H8xQ2eZvKYlo2C8Nv3mR7tYpQ")->publishable);
    CHECK(findProviderKey("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.q8Rz2LpX7vN4mKt9WbJ3xYzQ")->provider ==
          "JSON Web Token");
  }

  TEST_CASE("documentation examples and look-alikes are not provider keys") {
    CHECK_FALSE(findProviderKey("AKIAIOSFODNN7EXAMPLE"));
    CHECK_FALSE(findProviderKey("AKIAAAAAAAAAAAAAAAAA"));
    CHECK_FALSE(findProviderKey("ghp_short"));
    CHECK_FALSE(findProviderKey("MYAKIAJ7Q2ZL4WVXN3RBQE"));                // prefix inside an identifier
    CHECK_FALSE(findProviderKey("AKIAJ7Q2ZL4WVXN3RBQEXTRA"));              // longer than the fixed shape
    CHECK_FALSE(findProviderKey("sk-learning-path-for-beginners-and-more"));
    CHECK_FALSE(findProviderKey("-----BEGIN CERTIFICATE-----"));
    CHECK_FALSE(findProviderKey("-----BEGIN OPENSSH PRIVATE KEY-----"));  // a parser's header constant
  }

  TEST_CASE("credential names, and metadata about credentials") {
    CHECK(isCredentialName("password"));
    CHECK(isCredentialName("DB_PASSWORD"));
    CHECK(isCredentialName("apiKey"));
    CHECK(isCredentialName("client_secret"));
    CHECK(isCredentialName("GITHUB_TOKEN"));
    CHECK_FALSE(isCredentialName("token_type"));
    CHECK_FALSE(isCredentialName("password_reset_url"));
    CHECK_FALSE(isCredentialName("authDomain"));
    CHECK_FALSE(isCredentialName("max_tokens"));
    CHECK_FALSE(isCredentialName("username"));
  }

  TEST_CASE("placeholders, env names, hashes and low-entropy values are not secrets") {
    CHECK(notASecret("api_key", "your-api-key-here"));
    CHECK(notASecret("token", "GITHUB_TOKEN"));
    CHECK(notASecret("password", "${DB_PASSWORD}"));
    CHECK(notASecret("password", "{{ vault.password }}"));
    CHECK(notASecret("password_field", "password"));
    CHECK(notASecret("hash", "$2b$12$KIXQJZ9Yw5Hq1o1eX1m0Ue3Rj0QzZ8e7Q3n9m1V5b4a2c1d0e9f8g"));
    CHECK(notASecret("token", "123e4567-e89b-12d3-a456-426614174000"));
    CHECK(notASecret("secret", "aaaaaaaaaaaa"));
    CHECK(notASecret("secret", "abcdefghijkl"));
    CHECK(notASecret("token", "short"));
    CHECK(notASecret("TOKEN_REF", "[A-Z]\\w*"));
    CHECK_FALSE(notASecret("api_key", "q8Rz2LpX7vN4mKt9WbJ3"));
    CHECK_FALSE(notASecret("DB_PASSWORD", "Tr0ub4dor&3x!"));
  }

  TEST_CASE("entropy grows with variety") {
    CHECK(shannonEntropy("aaaa") == doctest::Approx(0.0));
    CHECK(shannonEntropy("abcd") == doctest::Approx(2.0));
    CHECK(shannonEntropy("q8Rz2LpX7vN4mKt9WbJ3") > 4.0);
  }
}

TEST_SUITE("unit") {
  TEST_CASE("auth names a credential only as the last word") {
    CHECK(isCredentialName("basicAuth"));
    CHECK(isCredentialName("http_auth"));
    CHECK_FALSE(isCredentialName("authFailure"));
    CHECK_FALSE(isCredentialName("auth_status"));
    CHECK(isCredentialName("authToken"));
  }

  TEST_CASE("dotted import paths are not secrets") {
    CHECK(notASecret("TOKEN_OBTAIN_SERIALIZER", "rest_framework_simplejwt.serializers.TokenObtainPairSerializer"));
    CHECK(notASecret("TOKEN_BACKEND", "tokens.Backend"));
    CHECK_FALSE(notASecret("api_key", "q8Rz2LpX7vN4.mKt9WbJ3"));
  }

  TEST_CASE("descriptive placeholders and signing-key names") {
    CHECK(isDescriptivePlaceholder("email-server-password"));
    CHECK(isDescriptivePlaceholder("nestjsShopAccessSecret"));
    CHECK(isDescriptivePlaceholder("topsecret"));
    CHECK_FALSE(isDescriptivePlaceholder("7c1e9b04d2af83e6b5c0f9a1d4e7b238"));
    CHECK_FALSE(isDescriptivePlaceholder("Tr0ub4dor&3"));
    CHECK(isSigningKeyName("JWT_SECRET"));
    CHECK(isSigningKeyName("SECRET_KEY"));
    CHECK(isSigningKeyName("sessionSecret"));
    CHECK_FALSE(isSigningKeyName("EMAIL_PASS"));
    CHECK_FALSE(isSigningKeyName("MAPS_API_KEY"));
  }
}
