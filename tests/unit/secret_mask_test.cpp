// Masking secrets in text shown to people: only the secret, never the words around it.
#include <doctest/doctest.h>

#include "rules/common/secret_mask.hpp"

using agentlens::core::ByteRange;
using agentlens::rules::maskOccurrences;
using agentlens::rules::maskSensitive;

TEST_SUITE("unit") {
  TEST_CASE("a short secret is masked where it stands as a value, not inside words") {
    std::string msg = "hardcoded secret in `secret_key` (`secret`): load it from the environment";
    maskOccurrences(msg, "secret");
    CHECK(msg == "hardcoded secret in `secret_key` (`se****`): load it from the environment");

    std::string url = "postgres://app:secret@db/app and a secret word";
    maskOccurrences(url, "secret");
    CHECK(url == "postgres://app:se****@db/app and a secret word");
  }

  TEST_CASE("a long secret is masked wherever it stands alone") {
    std::string msg = "token q8Rz2LpX7vN4mKt9WbJ3 sent; xq8Rz2LpX7vN4mKt9WbJ3 is another word";
    maskOccurrences(msg, "q8Rz2LpX7vN4mKt9WbJ3");
    CHECK(msg == "token q8Rz**** sent; xq8Rz2LpX7vN4mKt9WbJ3 is another word");
  }

  TEST_CASE("the mask shows at most the first four characters") {
    std::string msg = "\"sk_live_51H8xQ2eZvKYlo2C8Nv3mR7tYpQ\"";
    maskOccurrences(msg, "sk_live_51H8xQ2eZvKYlo2C8Nv3mR7tYpQ");
    CHECK(msg == "\"sk_l****\"");
  }

  TEST_CASE("excerpts: the secret's own position, and its quoted copies elsewhere") {
    std::string src = "secret_key = \"secret\"\n";
    std::vector<ByteRange> ranges{{14, 20}};
    std::string line = "secret_key = \"secret\"";
    maskSensitive(line, src, ranges, 0u);
    CHECK(line == "secret_key = \"se****\"");
    std::string other = "login(user, \"secret\")  # the secret again";
    maskSensitive(other, src, ranges);
    CHECK(other == "login(user, \"se****\")  # the secret again");
  }
}
