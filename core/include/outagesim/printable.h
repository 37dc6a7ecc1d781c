// Text that reaches a terminal or an export: where it holds characters that must not be shown raw.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace outagesim {

// A character that could change what a terminal or an export shows: a C0 control, DEL, a C1
// control, or a Unicode bidirectional formatting character (which can make text display
// differently from what it is).
struct Unprintable {
  std::size_t offset = 0;  // byte offset in the text
  std::size_t length = 0;  // bytes of its UTF-8 encoding
  unsigned code_point = 0;
  bool control = false;  // a control character (false: a bidirectional formatting character)

  // "a control character (U+000A) at byte 3"
  std::string describe() const;
};

// The first such character at or after byte `from`, or nullopt. Safe on any bytes.
std::optional<Unprintable> find_unprintable(std::string_view text, std::size_t from = 0);

// `text` with each such character replaced by its escape "\u001B", so it shows as what it is.
std::string escape_unprintable(std::string_view text);

}  // namespace outagesim
