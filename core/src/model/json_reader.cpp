// File size limit, syntax errors, number overflow, nesting depth and duplicate-key detection for
// model and catalog files.
#include "json_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "outagesim/model/loader.h"
#include "structure_check.h"

namespace outagesim::model {

namespace {

using Json = nlohmann::json;

// One open object or array while parsing, to know the JSON pointer of each value.
struct Frame {
  Json* container = nullptr;
  std::string key;        // current key (objects)
  std::size_t index = 0;  // complete elements so far (arrays): the index of the one being read
};

// "line L, column C" of byte `offset` of `text` (both counted from 1).
std::string line_column(const std::string& text, std::size_t offset) {
  offset = std::min(offset, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(offset - line_start + 1);
}

// Builds the document through nlohmann's SAX interface. Unlike the parser callback (whose
// bookkeeping walks every sibling at each object end, quadratic in the size of an object), each
// key costs one lookup in the map being built, which is also how duplicates are found.
class DocumentBuilder {
 public:
  DocumentBuilder(const std::string& text, const std::string& source, std::vector<Problem>& sink)
      : text_(text), source_(source), sink_(sink) {}

  Json& document() { return root_; }
  bool failed() const { return failed_; }

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(Json::number_integer_t value) { return add(Json(value)); }
  bool number_unsigned(Json::number_unsigned_t value) { return add(Json(value)); }
  bool number_float(Json::number_float_t value, const std::string& /*text*/) {
    return add(Json(value));
  }
  bool string(std::string& value) { return add(Json(std::move(value))); }
  // Never called for JSON text; part of the SAX interface.
  bool binary(Json::binary_t& value) { return add(Json::binary(std::move(value))); }

  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& key) {
    Frame& frame = frames_.back();
    auto& members = frame.container->get_ref<Json::object_t&>();
    auto [it, inserted] = members.try_emplace(key);
    frame.key = std::move(key);
    if (!inserted) {
      report_problem(sink_, {source_, path(),
                             "duplicate key \"" + frame.key +
                                 "\": the later value would silently replace the earlier one; "
                                 "expected each name once"});
      it->second = Json();
    }
    member_ = &it->second;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& error) {
    failed_ = true;
    if (error.id == 406) {
      // strtod gave infinity: a number beyond the range of a double, such as 1e400. `position`
      // is just past the number.
      std::string shown = token.size() > 40 ? token.substr(0, 37) + "..." : token;
      sink_.push_back({source_, path(),
                       "the number " + shown + " at " +
                           line_column(text_, position - std::min(position, token.size())) +
                           " is too large: expected a number within +/-1.8e308 (a double)"});
      return false;
    }
    // what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string detail = error.what();
    const auto at = detail.find("parse error");
    if (at != std::string::npos) detail = detail.substr(at);
    sink_.push_back({source_, "", "the file is not valid JSON: " + detail});
    return false;
  }

 private:
  // Places `value` where the parser is (the root, the next array element or the current key)
  // and returns where it went.
  Json* place(Json&& value) {
    if (frames_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Frame& frame = frames_.back();
    if (frame.container->is_array()) {
      auto& elements = frame.container->get_ref<Json::array_t&>();
      elements.push_back(std::move(value));
      return &elements.back();
    }
    *member_ = std::move(value);
    return member_;
  }

  bool add(Json&& value) {
    place(std::move(value));
    element_done();
    return true;
  }

  // An array element is counted once complete, so the path inside it shows its own index.
  void element_done() {
    if (!frames_.empty() && frames_.back().container->is_array()) ++frames_.back().index;
  }

  bool open(Json&& container) {
    if (frames_.size() >= MAX_NESTING_DEPTH) {
      failed_ = true;
      sink_.push_back({source_, path(),
                       "objects and arrays are nested more than " +
                           std::to_string(MAX_NESTING_DEPTH) +
                           " levels deep here (MAX_NESTING_DEPTH); expected a model nested a "
                           "few levels deep"});
      return false;
    }
    // A pointer into the parent stays valid: the parent grows only after this child closes.
    Json* placed = place(std::move(container));
    frames_.push_back(Frame{placed, {}, 0});
    return true;
  }

  bool close() {
    frames_.pop_back();
    element_done();
    return true;
  }

  // The JSON pointer of the value being read.
  std::string path() const {
    std::string out;
    for (const Frame& f : frames_) {
      out += "/";
      out += f.container->is_object() ? pointer_token(f.key) : std::to_string(f.index);
    }
    return out;
  }

  const std::string& text_;
  const std::string& source_;
  std::vector<Problem>& sink_;
  Json root_;
  std::vector<Frame> frames_;
  Json* member_ = nullptr;
  bool failed_ = false;
};

std::string too_large(const std::string& what) {
  return "the file " + what + ", larger than 16 MiB (the limit of " +
         std::to_string(MAX_MODEL_BYTES) +
         " bytes, MAX_MODEL_BYTES); expected a model file of at most 16 MiB";
}

// Reads at most MAX_MODEL_BYTES + 1 bytes, whatever `path` is (a regular file, a pipe, a
// device such as /dev/zero), so the limit bounds memory even when the size is unknown ahead.
std::optional<std::string> read_bounded(const std::string& path, std::vector<Problem>& sink) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    sink.push_back({path, "", "cannot read the file: " + std::string(std::strerror(errno))});
    return std::nullopt;
  }
  std::string text;
  constexpr std::size_t CHUNK = 1 << 16;
  std::string problem;
  while (text.size() <= MAX_MODEL_BYTES) {
    const std::size_t before = text.size();
    const std::size_t want = std::min(CHUNK, MAX_MODEL_BYTES + 1 - before);
    text.resize(before + want);
    const ssize_t got = ::read(fd, text.data() + before, want);
    if (got < 0) {
      // EINTR included: a signal (Ctrl-C) while waiting on a pipe ends the read.
      problem = "cannot read the file: " + std::string(std::strerror(errno));
      text.resize(before);
      break;
    }
    text.resize(before + static_cast<std::size_t>(got));
    if (got == 0) break;
  }
  ::close(fd);
  if (!problem.empty()) {
    sink.push_back({path, "", problem});
    return std::nullopt;
  }
  if (text.size() > MAX_MODEL_BYTES) {
    sink.push_back(
        {path, "", too_large("has more than " + std::to_string(MAX_MODEL_BYTES) + " bytes")});
    return std::nullopt;
  }
  return text;
}

}  // namespace

std::optional<Json> parse_json_text(const std::string& text, const std::string& source,
                                    std::vector<Problem>& sink) {
  bool blank = true;
  for (char c : text) blank = blank && std::isspace(static_cast<unsigned char>(c));
  if (blank) {
    sink.push_back({source, "",
                    "the file is empty; expected a JSON object such as {\"format\": "
                    "\"outagesim/v1\", \"components\": {...}, \"services\": {...}}"});
    return std::nullopt;
  }
  DocumentBuilder builder(text, source, sink);
  const bool parsed = Json::sax_parse(text, &builder);
  if (!parsed || builder.failed()) return std::nullopt;
  return std::move(builder.document());
}

std::optional<Json> read_json_file(const std::string& path, std::vector<Problem>& sink) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    sink.push_back({path, "", "cannot read the file: it does not exist"});
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    sink.push_back({path, "", "cannot read the file: it is a directory; expected a JSON file"});
    return std::nullopt;
  }
  // A regular file's size is known: refuse a large one before reading it.
  if (std::filesystem::is_regular_file(status)) {
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > MAX_MODEL_BYTES) {
      sink.push_back({path, "", too_large("is " + std::to_string(size) + " bytes")});
      return std::nullopt;
    }
  }
  const std::optional<std::string> text = read_bounded(path, sink);
  if (!text) return std::nullopt;
  return parse_json_text(*text, path, sink);
}

}  // namespace outagesim::model
