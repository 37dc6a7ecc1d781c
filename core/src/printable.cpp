// Finding and escaping characters that must not reach a terminal or an export raw.
#include "outagesim/printable.h"

#include <cstdio>

namespace outagesim {

namespace {

std::string code_point_text(const char* format, unsigned value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

bool is_bidi_format(unsigned cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::string Unprintable::describe() const {
  switch (kind) {
    case UnprintableKind::control:
      return "a control character (" + code_point_text("U+%04X", code_point) + ") at byte " +
             std::to_string(offset);
    case UnprintableKind::bidi_format:
      return "a bidirectional formatting character (" + code_point_text("U+%04X", code_point) +
             ") at byte " + std::to_string(offset);
    case UnprintableKind::invalid_utf8:
      break;
  }
  return "a byte that is not UTF-8 (" + code_point_text("0x%02X", code_point) + ") at byte " +
         std::to_string(offset);
}

std::optional<Unprintable> find_unprintable(std::string_view text, std::size_t from) {
  const std::size_t n = text.size();
  for (std::size_t i = from; i < n;) {
    const unsigned lead = static_cast<unsigned char>(text[i]);
    unsigned cp = lead;
    std::size_t length = 1;
    if (lead >= 0x80 && lead < 0xC0) return Unprintable{i, 1, lead, UnprintableKind::invalid_utf8};
    if (lead >= 0xC0 && lead < 0xE0) {
      length = 2;
      cp = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead < 0xF0) {
      length = 3;
      cp = lead & 0x0Fu;
    } else if (lead >= 0xF0) {
      length = 4;
      cp = lead & 0x07u;
    }
    std::size_t k = 1;
    for (; k < length && i + k < n; ++k) {
      const unsigned next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0u) != 0x80u) break;
      cp = (cp << 6) | (next & 0x3Fu);
    }
    // A truncated sequence: its lead byte is reported, the rest is looked at again.
    if (k < length || lead >= 0xF8) return Unprintable{i, 1, lead, UnprintableKind::invalid_utf8};
    const bool control =
        (length == 1 && (cp < 0x20 || cp == 0x7F)) || (length == 2 && cp >= 0x80 && cp < 0xA0);
    if (control) return Unprintable{i, length, cp, UnprintableKind::control};
    if (is_bidi_format(cp)) return Unprintable{i, length, cp, UnprintableKind::bidi_format};
    i += length;
  }
  return std::nullopt;
}

std::string escape_unprintable(std::string_view text) {
  std::string out;
  std::size_t at = 0;
  while (const auto bad = find_unprintable(text, at)) {
    out.append(text.substr(at, bad->offset - at));
    out += code_point_text(bad->kind == UnprintableKind::invalid_utf8 ? "\\x%02X" : "\\u%04X",
                           bad->code_point);
    at = bad->offset + bad->length;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace outagesim
