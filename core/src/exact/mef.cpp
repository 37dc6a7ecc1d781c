// Open-PSA MEF export of a static model: the system-down fault tree, for SCRAM and friends.
#include "outagesim/exact/mef.h"

#include <cstdio>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "outagesim/error.h"
#include "outagesim/exact/solve.h"
#include "outagesim/printable.h"

namespace outagesim::exact {

namespace {

using model::RedundancyMode;
using model::Scope;

// MEF names are identifiers: letters, digits, '_' and '-', starting with a letter.
std::string identifier(const std::string& text) {
  std::string id;
  for (char ch : text) {
    const bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                    (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
    id += ok ? ch : '_';
  }
  return id;
}

// Control characters are not allowed in XML 1.0 even as references: they are written as their
// escape ("\u001B"), like every other place that shows a name.
std::string xml_escape(const std::string& raw) {
  const std::string text = escape_unprintable(raw);
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += ch;
    }
  }
  return out;
}

std::string number(double x) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

// A failure event of the tree: a constant, a basic event or a gate (by name).
struct Ref {
  enum Kind { FALSE, TRUE, EVENT, GATE } kind = FALSE;
  std::string name;

  std::string xml() const {
    switch (kind) {
      case FALSE:
        return "<constant value=\"false\"/>";
      case TRUE:
        return "<constant value=\"true\"/>";
      case EVENT:
        return "<basic-event name=\"" + name + "\"/>";
      case GATE:
        return "<gate name=\"" + name + "\"/>";
    }
    return "";
  }
};

// Gates with constants folded away and single-input gates replaced by their input, so the
// tree SCRAM reads has no degenerate gates.
class TreeWriter {
 public:
  Ref at_least(const std::string& name, std::vector<Ref> inputs, int k, const std::string& label) {
    std::vector<Ref> live;
    for (const Ref& in : inputs) {
      if (in.kind == Ref::TRUE) {
        --k;
      } else if (in.kind != Ref::FALSE) {
        live.push_back(in);
      }
    }
    int n = static_cast<int>(live.size());
    if (k <= 0) return {Ref::TRUE, ""};
    if (k > n) return {Ref::FALSE, ""};
    if (k == 1 || k == n) {
      // OR and AND are idempotent, and SCRAM rejects a repeated argument: drop repeats.
      std::vector<Ref> unique;
      for (const Ref& in : live) {
        bool seen = false;
        for (const Ref& u : unique) seen = seen || (u.kind == in.kind && u.name == in.name);
        if (!seen) unique.push_back(in);
      }
      live = std::move(unique);
      k = k == 1 ? 1 : static_cast<int>(live.size());
      n = static_cast<int>(live.size());
    } else {
      // In k-of-n a repeated input counts twice: give each repeat its own pass-through gate.
      for (std::size_t i = 0; i < live.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (live[j].kind == live[i].kind && live[j].name == live[i].name) {
            const std::string alias = name + "_input_" + std::to_string(i);
            gates_ +=
                "    <define-gate name=\"" + alias + "\">" + live[i].xml() + "</define-gate>\n";
            live[i] = {Ref::GATE, alias};
            break;
          }
        }
      }
    }
    if (n == 1) return live[0];
    std::string op = k == 1 ? "or" : k == n ? "and" : "atleast";
    std::ostringstream gate;
    gate << "    <define-gate name=\"" << name << "\">\n";
    if (!label.empty()) gate << "      <label>" << xml_escape(label) << "</label>\n";
    gate << "      <" << op << (op == "atleast" ? " min=\"" + std::to_string(k) + "\"" : "") << ">";
    for (const Ref& in : live) gate << in.xml();
    gate << "</" << op << ">\n    </define-gate>\n";
    gates_ += gate.str();
    return {Ref::GATE, name};
  }
  Ref any(const std::string& name, std::vector<Ref> inputs, const std::string& label) {
    return at_least(name, std::move(inputs), 1, label);
  }
  Ref all(const std::string& name, std::vector<Ref> inputs, const std::string& label) {
    const int n = static_cast<int>(inputs.size());
    return at_least(name, std::move(inputs), n, label);
  }
  void top(const Ref& ref) {
    if (ref.kind == Ref::GATE && ref.name == "system_down") return;
    gates_ += "    <define-gate name=\"system_down\">\n      <label>system down</label>\n      " +
              ref.xml() + "\n    </define-gate>\n";
  }
  const std::string& gates() const { return gates_; }

 private:
  std::string gates_;
};

}  // namespace

std::string to_open_psa_mef(const graph::Plan& plan) {
  const Applicability app = check(plan);
  if (!app.possible || app.solver != "bdd") {
    throw ExactNotApplicable("the model is not a static fault tree: " + app.reason);
  }
  const model::Architecture& a = plan.architecture;
  TreeWriter tree;

  std::vector<Ref> element_down(plan.element_count());
  std::string events;
  std::map<std::string, int> used;
  for (int e = 0; e < plan.element_count(); ++e) {
    const model::FailureProcess& p = plan.element_process[e];
    if (p.never_fails) continue;
    std::string name = std::string(graph::to_string(plan.element_kind[e])) + "_" +
                       identifier(plan.element_name[e]);
    if (used[name]++ > 0) name += "_" + std::to_string(e);
    element_down[e] = {Ref::EVENT, name};
    const double q = p.mttr() / (p.mttf() + p.mttr());
    events += "    <define-basic-event name=\"" + name + "\">\n      <label>" +
              xml_escape(std::string(graph::to_string(plan.element_kind[e])) + " " +
                         plan.element_name[e]) +
              " down</label>\n      <float value=\"" + number(q) +
              "\"/>\n    </define-basic-event>\n";
  }

  std::vector<Ref> component_down;
  for (int c = 0; c < plan.component_count; ++c) {
    std::vector<Ref> inputs;
    for (const int* e = plan.component_support.begin(c); e != plan.component_support.end(c); ++e) {
      inputs.push_back(element_down[*e]);
    }
    component_down.push_back(
        tree.any("component_" + identifier(a.components[c].name) + "_down", inputs,
                 "component " + a.components[c].name + " or a domain around it down"));
  }

  std::vector<std::vector<Ref>> replica_unhealthy(a.services.size());
  std::vector<Ref> service_down(a.services.size());
  for (int s : plan.service_order) {
    const model::Service& service = a.services[s];
    const std::string sid = identifier(service.name);
    for (std::size_t r = 0; r < service.replicas.size(); ++r) {
      std::vector<Ref> causes{component_down[service.replicas[r]]};
      for (std::size_t j = 0; j < service.depends_on.size(); ++j) {
        const model::Dependency& dep = service.depends_on[j];
        const model::Service& target = a.services[dep.service];
        std::vector<Ref> dep_causes{service_down[dep.service]};
        if (!(target.mode == RedundancyMode::active_passive && dep.scope == Scope::any)) {
          const int row = plan.scope_row(s, static_cast<int>(r), static_cast<int>(j));
          std::vector<Ref> candidates;
          for (const int* q = plan.scope_candidates.begin(row); q != plan.scope_candidates.end(row);
               ++q) {
            candidates.push_back(replica_unhealthy[dep.service][*q]);
          }
          dep_causes.push_back(tree.all("replica_" + sid + "_" + std::to_string(r) + "_no_" +
                                            identifier(target.name) + "_in_scope",
                                        candidates,
                                        "no healthy " + target.name + " replica in " +
                                            model::to_string(dep.scope) + " scope of " +
                                            a.components[service.replicas[r]].name));
        }
        causes.push_back(tree.any(
            "replica_" + sid + "_" + std::to_string(r) + "_lacks_" + identifier(target.name),
            dep_causes,
            "dependency " + target.name + " unavailable to " +
                a.components[service.replicas[r]].name));
      }
      replica_unhealthy[s].push_back(
          tree.any("replica_" + sid + "_" + std::to_string(r) + "_unhealthy", causes,
                   "replica " + a.components[service.replicas[r]].name + " of " + service.name +
                       " unhealthy"));
    }
    const int n = static_cast<int>(service.replicas.size());
    const int needed_down =
        service.mode == RedundancyMode::active_active ? n - service.min_healthy + 1 : n;
    service_down[s] = tree.at_least("service_" + sid + "_down", replica_unhealthy[s], needed_down,
                                    "service " + service.name + " down");
  }

  std::vector<Ref> capability_down;
  for (int c = 0; c < plan.capability_services.size(); ++c) {
    std::vector<Ref> inputs;
    for (const int* s = plan.capability_services.begin(c); s != plan.capability_services.end(c);
         ++s) {
      inputs.push_back(service_down[*s]);
    }
    capability_down.push_back(tree.any("capability_" + identifier(a.capabilities[c].name) + "_down",
                                       inputs, "capability " + a.capabilities[c].name + " down"));
  }
  tree.top(tree.any("system_down", capability_down, "system down"));

  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<!-- outagesim " << OUTAGESIM_VERSION << ": system-down fault tree of model "
      << xml_escape(a.name) << "; basic event probabilities are long-run unavailabilities -->\n"
      << "<opsa-mef>\n"
      << "  <define-fault-tree name=\""
      << (identifier(a.name).empty() ? "model" : "m_" + identifier(a.name)) << "\">\n"
      << tree.gates() << "  </define-fault-tree>\n"
      << "  <model-data>\n"
      << events << "  </model-data>\n"
      << "</opsa-mef>\n";
  return out.str();
}

}  // namespace outagesim::exact
