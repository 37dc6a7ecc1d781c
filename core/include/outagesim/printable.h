// Text that reaches a terminal or an export: where it holds characters that must not be shown raw.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace outagesim {

enum class UnprintableKind {
  control,       // C0 controls, DEL, C1 controls
  bidi_format,   // Unicode bidirectional formatting (can make text display unlike what it is)
  invalid_utf8,  // a byte that starts no valid UTF-8 sequence (shown text must be UTF-8)
};

// A character that could change what a terminal or an export shows, or a byte that is not text.
struct Unprintable {
  std::size_t offset = 0;   // byte offset in the text
  std::size_t length = 0;   // bytes of its UTF-8 encoding (1 for an invalid byte)
  unsigned code_point = 0;  // the byte's value for an invalid byte
  UnprintableKind kind = UnprintableKind::control;

  // "a control character (U+000A) at byte 3"
  std::string describe() const;
};

// The first such character at or after byte `from`, or nullopt. Safe on any bytes.
std::optional<Unprintable> find_unprintable(std::string_view text, std::size_t from = 0);

// `text` with each such character replaced by its escape "\u001B" (an invalid byte by "\xE9"),
// so it shows as what it is and is always valid UTF-8.
std::string escape_unprintable(std::string_view text);

}  // namespace outagesim
