#include "stream_keys.h"

#include <algorithm>

namespace outagesim::sim {

std::uint32_t fnv1a(const std::string& text) {
  std::uint32_t h = 2166136261u;
  for (unsigned char ch : text) {
    h ^= ch;
    h *= 16777619u;
  }
  return h;
}

std::vector<std::uint32_t> distinct_keys(const std::vector<std::string>& names) {
  std::vector<std::uint32_t> keys;
  keys.reserve(names.size());
  for (const std::string& name : names) {
    std::uint32_t key = fnv1a(name);
    for (int salt = 1; key == 0 || std::find(keys.begin(), keys.end(), key) != keys.end(); ++salt)
      key = fnv1a(name + "#" + std::to_string(salt));
    keys.push_back(key);
  }
  return keys;
}

void stream_keys(const graph::Plan& plan, const Compiled& c, std::vector<std::uint32_t>& elements,
                 std::vector<std::uint32_t>& services, const std::vector<std::string>& extra_names,
                 std::vector<std::uint32_t>* extra) {
  std::vector<std::string> names;
  // A change element is named after its service, which a component may be named after too.
  for (int e = 0; e < c.element_count; ++e)
    names.push_back((c.change_of(e) >= 0 ? "change:" : "element:") + plan.element_name[e]);
  for (int p = 0; p < c.service_count; ++p)
    names.push_back("failover:" + plan.architecture.services[c.service_index[p]].name);
  names.insert(names.end(), extra_names.begin(), extra_names.end());
  const std::vector<std::uint32_t> keys = distinct_keys(names);
  elements.assign(keys.begin(), keys.begin() + c.element_count);
  services.assign(keys.begin() + c.element_count, keys.begin() + c.element_count + c.service_count);
  if (extra) extra->assign(keys.begin() + c.element_count + c.service_count, keys.end());
}

}  // namespace outagesim::sim
