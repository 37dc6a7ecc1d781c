// Cycle search (Boost.Graph depth-first search) and scope-depth checks of the service graph.
#include "structure_check.h"

#include <algorithm>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>

namespace outagesim::model {

namespace {

using ServiceGraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
using Vertex = boost::graph_traits<ServiceGraph>::vertex_descriptor;
using Edge = boost::graph_traits<ServiceGraph>::edge_descriptor;

// Records DFS tree parents and the first back edge, which closes a cycle.
struct CycleRecorder : boost::default_dfs_visitor {
  std::vector<Vertex>* parent;
  std::vector<std::pair<Vertex, Vertex>>* back_edges;

  void tree_edge(Edge e, const ServiceGraph& g) const {
    (*parent)[boost::target(e, g)] = boost::source(e, g);
  }
  void back_edge(Edge e, const ServiceGraph& g) const {
    back_edges->emplace_back(boost::source(e, g), boost::target(e, g));
  }
};

// The cycle closed by back edge u -> v: v, ..., u (following depends_on edges), rotated so that
// it starts at the service that comes first in the model.
std::vector<int> cycle_of(const std::vector<Vertex>& parent, Vertex u, Vertex v) {
  std::vector<int> cycle;
  for (Vertex x = u; x != v; x = parent[x]) cycle.push_back(static_cast<int>(x));
  cycle.push_back(static_cast<int>(v));
  std::reverse(cycle.begin(), cycle.end());
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  return cycle;
}

int depth_needed(Scope scope) {
  switch (scope) {
    case Scope::any:
      return 0;
    case Scope::same_provider:
      return 1;
    case Scope::same_region:
      return 2;
    case Scope::same_zone:
      return 3;
  }
  return 0;
}

const char* level_word(Scope scope) {
  switch (scope) {
    case Scope::same_region:
      return "region";
    case Scope::same_zone:
      return "zone";
    default:
      return "provider";
  }
}

}  // namespace

std::string pointer_token(const std::string& name) {
  std::string out;
  for (char c : name) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<Problem> check_structure(const Architecture& a) {
  std::vector<Problem> problems;
  const auto n = a.services.size();

  ServiceGraph graph(n);
  for (std::size_t s = 0; s < n; ++s) {
    for (const Dependency& d : a.services[s].depends_on) {
      if (d.service >= 0 && static_cast<std::size_t>(d.service) < n) {
        boost::add_edge(s, static_cast<Vertex>(d.service), graph);
      }
    }
  }
  std::vector<Vertex> parent(n);
  for (std::size_t i = 0; i < n; ++i) parent[i] = i;
  std::vector<std::pair<Vertex, Vertex>> back_edges;
  CycleRecorder recorder;
  recorder.parent = &parent;
  recorder.back_edges = &back_edges;
  if (n > 0) boost::depth_first_search(graph, boost::visitor(recorder));
  if (!back_edges.empty()) {
    // One cycle is enough to act on; breaking it may break the others too.
    const std::vector<int> cycle =
        cycle_of(parent, back_edges.front().first, back_edges.front().second);
    std::string chain;
    for (int s : cycle) chain += a.services[static_cast<std::size_t>(s)].name + " -> ";
    chain += a.services[static_cast<std::size_t>(cycle.front())].name;
    problems.push_back(
        {a.source,
         "/services/" + pointer_token(a.services[static_cast<std::size_t>(cycle.front())].name) +
             "/depends_on",
         "services depend on each other in a cycle: " + chain +
             "; expected dependencies without cycles (a service cannot need itself)"});
  }

  // A scoped dependency compares the replica's enclosing domain at the scope's level, so the
  // replica must be placed at least that deep.
  for (std::size_t s = 0; s < n; ++s) {
    const Service& service = a.services[s];
    for (std::size_t d = 0; d < service.depends_on.size(); ++d) {
      const Dependency& dep = service.depends_on[d];
      const int needed = depth_needed(dep.scope);
      if (needed <= 1 || dep.service < 0) continue;  // every location names a provider
      std::vector<std::string> shallow;
      for (int c : service.replicas) {
        if (c < 0) continue;
        const Component& component = a.components[static_cast<std::size_t>(c)];
        if (component.location < 0) continue;
        const Domain& where = a.domains[static_cast<std::size_t>(component.location)];
        if (static_cast<int>(where.level) + 1 < needed) {
          shallow.push_back("'" + component.name + "' at \"" + where.path + "\"");
        }
      }
      if (shallow.empty()) continue;
      std::string list;
      for (std::size_t i = 0; i < shallow.size(); ++i) list += (i ? ", " : "") + shallow[i];
      const std::string level = level_word(dep.scope);
      problems.push_back(
          {a.source,
           "/services/" + pointer_token(service.name) + "/depends_on/" + std::to_string(d),
           "the " + std::string(to_string(dep.scope)) + " dependency on '" +
               a.services[static_cast<std::size_t>(dep.service)].name +
               "' cannot be resolved for " + (shallow.size() > 1 ? "replicas " : "replica ") +
               list +
               (shallow.size() > 1 ? ", which are not placed in a "
                                   : ", which is not placed in a ") +
               level + "; expected every replica of '" + service.name + "' to be placed in a " +
               level + " (\"provider/region" + (level == "zone" ? "/zone" : "") +
               "\") or a wider scope"});
    }
  }
  return problems;
}

}  // namespace outagesim::model
