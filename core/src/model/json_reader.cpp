// File size limit, syntax errors and duplicate-key detection for model and catalog files.
#include "json_reader.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "outagesim/model/loader.h"
#include "structure_check.h"

namespace outagesim::model {

namespace {

using Json = nlohmann::json;

// One open object or array while parsing, to know the JSON pointer of each key.
struct Frame {
  bool is_object = false;
  std::set<std::string> keys;
  std::string key;        // current key (objects)
  std::size_t index = 0;  // current element (arrays)
};

std::string frames_path(const std::vector<Frame>& frames) {
  std::string path;
  for (const Frame& f : frames) {
    path += "/";
    path += f.is_object ? pointer_token(f.key) : std::to_string(f.index);
  }
  return path;
}

// Tracks keys per open object through nlohmann's parser callback and reports duplicates.
class DuplicateKeyFinder {
 public:
  DuplicateKeyFinder(const std::string& source, std::vector<Problem>& sink)
      : source_(source), sink_(sink) {}

  bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        frames_.push_back(Frame{true, {}, {}, 0});
        break;
      case Json::parse_event_t::array_start:
        frames_.push_back(Frame{false, {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        Frame& f = frames_.back();
        const std::string key = parsed.get<std::string>();
        if (!f.keys.insert(key).second) {
          // The path of the object holding the key: the frames below this one.
          std::vector<Frame> outer(frames_.begin(), frames_.end() - 1);
          sink_.push_back({source_, frames_path(outer) + "/" + pointer_token(key),
                           "duplicate key \"" + key +
                               "\": the later value would silently replace the earlier one; "
                               "expected each name once"});
        }
        f.key = key;
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        element_done();
        break;
      case Json::parse_event_t::value:
        element_done();
        break;
    }
    return true;
  }

 private:
  void element_done() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  const std::string& source_;
  std::vector<Problem>& sink_;
  std::vector<Frame> frames_;
};

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
  try {
    // The finder is copied into the parser, so it keeps its state through a shared pointer.
    auto finder = std::make_shared<DuplicateKeyFinder>(source, sink);
    Json document = Json::parse(text, [finder](int depth, Json::parse_event_t event, Json& parsed) {
      return (*finder)(depth, event, parsed);
    });
    return document;
  } catch (const Json::parse_error& e) {
    // what() is "[json.exception.parse_error.101] parse error at line L, column C: ..."
    std::string detail = e.what();
    const auto at = detail.find("parse error");
    if (at != std::string::npos) detail = detail.substr(at);
    sink.push_back({source, "", "the file is not valid JSON: " + detail});
    return std::nullopt;
  }
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
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > MAX_MODEL_BYTES) {
    sink.push_back({path, "",
                    "the file is " + std::to_string(size) + " bytes, larger than the limit of " +
                        std::to_string(MAX_MODEL_BYTES) +
                        " bytes (MAX_MODEL_BYTES); expected a model file of at most 16 MiB"});
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.push_back({path, "", "cannot read the file: it could not be opened"});
    return std::nullopt;
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return parse_json_text(buffer.str(), path, sink);
}

}  // namespace outagesim::model
