// Replays the fuzz corpora (tests/fuzz: the seeds and every input that once crashed) through
// what the fuzz target does, so a sanitizer build of this suite keeps them fixed.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model_input.h"

namespace {

const std::string SOURCE = OUTAGESIM_SOURCE_DIR;

std::vector<std::filesystem::path> files_of(const std::string& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(SOURCE + "/" + folder)) {
    if (entry.is_regular_file() && entry.path().filename() != "README.md")
      files.push_back(entry.path());
  }
  return files;
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("every fuzz corpus input is answered with a model or a ModelError", "[fuzz]") {
  std::size_t replayed = 0;
  for (const char* folder : {"tests/fuzz/regressions", "tests/fuzz/corpus", "tests/models/good",
                             "tests/models/bad", "models/examples"}) {
    for (const auto& file : files_of(folder)) {
      INFO(file.string());
      CHECK_NOTHROW(outagesim::fuzz::exercise_model_input(read(file), SOURCE + "/models/catalog"));
      ++replayed;
    }
  }
  CHECK(replayed >= 100);
}
