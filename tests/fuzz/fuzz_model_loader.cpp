// libFuzzer entry point: model JSON text -> loader (with the catalog), durations, distributions.
#include <cstddef>
#include <cstdint>

#include "model_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string catalog_dir = std::string(OUTAGESIM_SOURCE_DIR) + "/models/catalog";
  outagesim::fuzz::exercise_model_input(std::string_view(reinterpret_cast<const char*>(data), size),
                                        catalog_dir);
  return 0;
}
