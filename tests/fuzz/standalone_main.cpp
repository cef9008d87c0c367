// A libFuzzer-compatible driver for builds without libFuzzer (g++): replays every seed file given
// on the command line (files or directories, recursively), then runs mutated seeds (bit flips,
// byte changes, inserts, deletes, duplicated ranges, splices of two seeds) from a fixed random
// seed. The fuzz-smoke ctest runs each target with it, so `make test` covers them without clang.
//
// Environment: AGENTLENS_FUZZ_SECONDS (default 5) and AGENTLENS_FUZZ_ITERATIONS (default
// unlimited) bound the mutation phase, whichever comes first; AGENTLENS_FUZZ_SEED (default 1)
// picks the mutation sequence. A crash (abort, segfault) writes the input being run to
// ./fuzz-crash-<pid> first, so it can be replayed: `<target> fuzz-crash-<pid>`.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;

// The input being run, for the crash handler (async-signal-safe access only).
const std::uint8_t* gCurrent = nullptr;
std::size_t gCurrentSize = 0;

void onCrash(int sig) {
  char name[64];
  std::snprintf(name, sizeof name, "fuzz-crash-%d", static_cast<int>(::getpid()));
  int fd = ::open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0 && gCurrent) {
    std::size_t off = 0;
    while (off < gCurrentSize) {
      ssize_t n = ::write(fd, gCurrent + off, gCurrentSize - off);
      if (n <= 0) break;
      off += static_cast<std::size_t>(n);
    }
  }
  if (fd >= 0) ::close(fd);
  static const char kMsg[] = "fuzz: crash; input written to ./fuzz-crash-<pid>\n";
  ssize_t ignored = ::write(2, kMsg, sizeof kMsg - 1);
  (void)ignored;
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

void run(const std::vector<std::uint8_t>& input) {
  gCurrent = input.data();
  gCurrentSize = input.size();
  LLVMFuzzerTestOneInput(input.data(), input.size());
  gCurrent = nullptr;
}

std::vector<std::uint8_t> readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::uint64_t envNumber(const char* name, std::uint64_t fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::strtoull(v, nullptr, 0) : fallback;
}

class Mutator {
 public:
  Mutator(std::uint64_t seed, const std::vector<std::vector<std::uint8_t>>& seeds) : rng_(seed), seeds_(seeds) {}

  std::vector<std::uint8_t> next() {
    std::vector<std::uint8_t> v = seeds_.empty() ? std::vector<std::uint8_t>{} : seeds_[below(seeds_.size())];
    std::size_t n = 1 + below(below(8) + 1);  // mostly one or two mutations, sometimes up to 8
    for (std::size_t i = 0; i < n; ++i) mutate(v);
    if (v.size() > kMaxLen) v.resize(kMaxLen);
    return v;
  }

 private:
  static constexpr std::size_t kMaxLen = 16384;

  std::uint64_t below(std::uint64_t n) { return n == 0 ? 0 : rng_() % n; }

  std::uint8_t interestingByte() {
    static const std::uint8_t kBytes[] = {0, 1, 0x7f, 0x80, 0xff, '\n', '\r', '"', '\\', '{', '}', '[', ']',
                                          ':', ',', '-', '0', '9', ' ', '\t', 0xc3, 0xe2, 0xf0, 0xed};
    return below(2) ? kBytes[below(sizeof kBytes)] : static_cast<std::uint8_t>(below(256));
  }

  void mutate(std::vector<std::uint8_t>& v) {
    switch (below(v.empty() ? 1 : 7)) {
      case 0: {  // insert 1..8 bytes
        std::size_t at = below(v.size() + 1), len = 1 + below(8);
        std::vector<std::uint8_t> ins(len);
        for (auto& b : ins) b = interestingByte();
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), ins.begin(), ins.end());
        break;
      }
      case 1:  // flip a bit
        v[below(v.size())] ^= static_cast<std::uint8_t>(1u << below(8));
        break;
      case 2:  // set a byte
        v[below(v.size())] = interestingByte();
        break;
      case 3: {  // delete a range
        std::size_t at = below(v.size()), len = 1 + below(std::min<std::size_t>(v.size() - at, 64));
        v.erase(v.begin() + static_cast<std::ptrdiff_t>(at), v.begin() + static_cast<std::ptrdiff_t>(at + len));
        break;
      }
      case 4: {  // duplicate a range elsewhere
        std::size_t at = below(v.size()), len = 1 + below(std::min<std::size_t>(v.size() - at, 128));
        std::vector<std::uint8_t> piece(v.begin() + static_cast<std::ptrdiff_t>(at),
                                        v.begin() + static_cast<std::ptrdiff_t>(at + len));
        std::size_t to = below(v.size() + 1);
        v.insert(v.begin() + static_cast<std::ptrdiff_t>(to), piece.begin(), piece.end());
        break;
      }
      case 5: {  // splice: a prefix of this input and a suffix of another seed
        const auto& other = seeds_[below(seeds_.size())];
        std::size_t cut = below(v.size() + 1), from = below(other.size() + 1);
        v.resize(cut);
        v.insert(v.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
        break;
      }
      default: {  // change a decimal digit (lengths, positions, versions)
        std::vector<std::size_t> digits;
        for (std::size_t i = 0; i < v.size(); ++i)
          if (v[i] >= '0' && v[i] <= '9') digits.push_back(i);
        if (digits.empty()) {
          v[below(v.size())] = interestingByte();
        } else {
          std::size_t at = digits[below(digits.size())];
          static const char* kNums[] = {"0", "1", "9", "65535", "4294967295", "4294967296", "-1", "2147483648",
                                        "9223372036854775807", "18446744073709551616", "1e308", "0.5"};
          const char* s = kNums[below(std::size(kNums))];
          v.erase(v.begin() + static_cast<std::ptrdiff_t>(at));
          v.insert(v.begin() + static_cast<std::ptrdiff_t>(at), s, s + std::strlen(s));
        }
        break;
      }
    }
  }

  std::mt19937_64 rng_;
  const std::vector<std::vector<std::uint8_t>>& seeds_;
};

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGABRT, onCrash);
  std::signal(SIGSEGV, onCrash);
  std::signal(SIGBUS, onCrash);
  std::signal(SIGFPE, onCrash);

  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    fs::path p = argv[i];
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) files.push_back(e.path());
    } else if (fs::is_regular_file(p)) {
      files.push_back(p);
    } else {
      std::fprintf(stderr, "fuzz: %s: no such file or directory\n", argv[i]);
      return 2;
    }
  }
  std::sort(files.begin(), files.end());

  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::vector<std::uint8_t>> seeds;
  for (const auto& f : files) {
    seeds.push_back(readFile(f));
    run(seeds.back());
  }
  run({});  // the empty input

  const double seconds = static_cast<double>(envNumber("AGENTLENS_FUZZ_SECONDS", 5));
  const std::uint64_t iterations = envNumber("AGENTLENS_FUZZ_ITERATIONS", ~std::uint64_t{0});
  Mutator m(envNumber("AGENTLENS_FUZZ_SEED", 1), seeds);
  std::uint64_t done = 0;
  auto t1 = std::chrono::steady_clock::now();
  while (done < iterations && std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count() < seconds) {
    run(m.next());
    ++done;
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("fuzz: %zu seed inputs and %llu mutated inputs in %.1f s, no crash\n", seeds.size(),
              static_cast<unsigned long long>(done), total);
  return 0;
}
