// Read-only bindings of the resolved model (Architecture and its parts), the loader and the plan.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <string>

#include "bindings.h"
#include "outagesim/graph/plan.h"
#include "outagesim/model/architecture.h"
#include "outagesim/model/distribution.h"
#include "outagesim/model/duration.h"
#include "outagesim/model/loader.h"

namespace py = pybind11;

namespace outagesim::python {
namespace {

model::LoadOptions load_options(const std::string& catalog_dir) {
  model::LoadOptions options;
  options.catalog_dir = catalog_dir;
  return options;
}

}  // namespace

void bind_model(py::module_& m) {
  using namespace outagesim::model;

  m.attr("MAX_MODEL_BYTES") = MAX_MODEL_BYTES;
  m.attr("MAX_NESTING_DEPTH") = MAX_NESTING_DEPTH;
  m.attr("HOURS_PER_YEAR") = HOURS_PER_YEAR;
  m.attr("MINUTES_PER_YEAR") = MINUTES_PER_YEAR;

  m.def(
      "parse_duration",
      [](const std::string& text) {
        std::string error;
        auto hours = parse_duration(text, &error);
        if (!hours) throw py::value_error("'" + text + "': " + error);
        return *hours;
      },
      py::arg("text"),
      "Hours in a duration such as '15m', '6mo' or '1.5y'; ValueError if malformed.");
  m.def("format_duration", &format_duration, py::arg("hours"));
  m.def(
      "parse_rate",
      [](const std::string& text) {
        std::string error;
        auto per_hour = parse_rate(text, &error);
        if (!per_hour) throw py::value_error("'" + text + "': " + error);
        return *per_hour;
      },
      py::arg("text"), "Events per hour in a rate such as '2/w'; ValueError if malformed.");
  m.def("format_rate", &format_rate, py::arg("per_hour"));

  py::class_<Distribution>(m, "Distribution")
      .def_property_readonly("kind",
                             [](const Distribution& d) { return std::string(to_string(d.kind)); })
      .def_readonly("mean", &Distribution::mean)
      .def_readonly("shape", &Distribution::shape)
      .def_readonly("scale", &Distribution::scale)
      .def_readonly("mu", &Distribution::mu)
      .def_readonly("sigma", &Distribution::sigma)
      .def_property_readonly("median", &Distribution::median)
      .def_property_readonly("is_exponential", &Distribution::is_exponential)
      .def_property_readonly("is_zero", &Distribution::is_zero)
      .def("describe", &Distribution::describe)
      .def("__repr__", [](const Distribution& d) { return "<Distribution " + d.describe() + ">"; });

  py::class_<FailureProcess>(m, "FailureProcess")
      .def_readonly("never_fails", &FailureProcess::never_fails)
      .def_readonly("ttf", &FailureProcess::ttf)
      .def_readonly("ttr", &FailureProcess::ttr)
      .def_property_readonly("mttf", &FailureProcess::mttf)
      .def_property_readonly("mttr", &FailureProcess::mttr)
      .def_property_readonly("availability", &FailureProcess::availability)
      .def_property_readonly("failure_frequency", &FailureProcess::failure_frequency);

  py::class_<Domain>(m, "Domain")
      .def_readonly("name", &Domain::name)
      .def_readonly("path", &Domain::path)
      .def_property_readonly("level",
                             [](const Domain& d) { return std::string(to_string(d.level)); })
      .def_readonly("parent", &Domain::parent)
      .def_readonly("outage", &Domain::outage)
      .def_readonly("outage_origin", &Domain::outage_origin);

  py::class_<Component>(m, "Component")
      .def_readonly("name", &Component::name)
      .def_readonly("type", &Component::type)
      .def_readonly("location", &Component::location)
      .def_readonly("failure", &Component::failure)
      .def_readonly("cost_per_hour", &Component::cost_per_hour)
      .def_readonly("failure_origin", &Component::failure_origin)
      .def_readonly("cost_origin", &Component::cost_origin)
      .def_property_readonly("repair",
                             [](const Component& c) { return std::string(to_string(c.repair)); })
      .def_readonly("repair_origin", &Component::repair_origin)
      .def_readonly("repair_control_plane", &Component::repair_control_plane);

  py::class_<FailoverTarget>(m, "FailoverTarget")
      .def_readonly("replica", &FailoverTarget::replica)
      .def_readonly("switchover", &FailoverTarget::switchover)
      .def_readonly("success_probability", &FailoverTarget::success_probability)
      .def_readonly("manual_recovery", &FailoverTarget::manual_recovery);

  py::class_<Failover>(m, "Failover")
      .def_readonly("targets", &Failover::targets)
      .def("switchover_to", &Failover::switchover_to, py::return_value_policy::copy)
      .def("success_probability_to", &Failover::success_probability_to)
      .def("manual_recovery_to", &Failover::manual_recovery_to, py::return_value_policy::copy)
      .def_readonly("detection", &Failover::detection)
      .def_readonly("switchover", &Failover::switchover)
      .def_readonly("success_probability", &Failover::success_probability)
      .def_readonly("manual_recovery", &Failover::manual_recovery)
      .def_property_readonly("is_instant", &Failover::is_instant)
      .def_readonly("control_planes", &Failover::control_planes)
      .def("control_planes_to", &Failover::control_planes_to, py::return_value_policy::copy)
      .def_property_readonly("without_control_plane", [](const Failover& f) {
        return std::string(to_string(f.without_control_plane));
      });

  py::class_<FeatureFlag>(m, "FeatureFlag")
      .def_readonly("decide", &FeatureFlag::decide)
      .def_readonly("value", &FeatureFlag::value);

  py::class_<Dependency>(m, "Dependency")
      .def_readonly("service", &Dependency::service)
      .def_readonly("feature_flag", &Dependency::feature_flag)
      .def_property_readonly("scope",
                             [](const Dependency& d) { return std::string(to_string(d.scope)); });

  py::class_<Rollout>(m, "Rollout")
      .def_readonly("staged", &Rollout::staged)
      .def_property_readonly("by",
                             [](const Rollout& r) -> py::object {
                               if (!r.by) return py::none();
                               return py::str(to_string(*r.by));
                             })
      .def_readonly("bake_hours", &Rollout::bake_hours)
      .def_readonly("canary", &Rollout::canary)
      .def_readonly("order", &Rollout::order)
      .def_readonly("waves", &Rollout::waves);

  py::class_<Changes>(m, "Changes")
      .def_readonly("rate_per_hour", &Changes::rate_per_hour)
      .def_readonly("bad_probability", &Changes::bad_probability)
      .def_readonly("detection", &Changes::detection)
      .def_readonly("rollback", &Changes::rollback)
      .def_readonly("rollout", &Changes::rollout)
      .def_property_readonly("bad_rate_per_hour", &Changes::bad_rate_per_hour)
      .def_property_readonly("mean_episode_hours", &Changes::mean_episode_hours)
      .def_property_readonly("bad_change_process", &Changes::bad_change_process);

  py::class_<Backups>(m, "Backups")
      .def_readonly("interval_hours", &Backups::interval_hours)
      .def_readonly("retention_hours", &Backups::retention_hours)
      .def_readonly("point_in_time_hours", &Backups::point_in_time_hours)
      .def_readonly("location", &Backups::location)
      .def_readonly("restore", &Backups::restore)
      .def_readonly("size_gb", &Backups::size_gb)
      .def_readonly("restore_gb_per_hour", &Backups::restore_gb_per_hour);

  py::class_<Corruption>(m, "Corruption")
      .def_readonly("onset", &Corruption::onset)
      .def_readonly("detect", &Corruption::detect)
      .def_readonly("group", &Corruption::group);

  py::class_<ReplicaReplication>(m, "ReplicaReplication")
      .def_property_readonly(
          "replication",
          [](const ReplicaReplication& r) { return std::string(to_string(r.replication)); })
      .def_readonly("lag", &ReplicaReplication::lag);

  py::class_<Data>(m, "Data")
      .def_property_readonly("replication",
                             [](const Data& d) { return std::string(to_string(d.replication)); })
      .def_readonly("lag", &Data::lag)
      .def_readonly("replicas", &Data::replicas)
      .def_readonly("writes_per_second", &Data::writes_per_second)
      .def_readonly("backups", &Data::backups)
      .def_readonly("corruption", &Data::corruption);

  py::class_<Objectives>(m, "Objectives")
      .def_readonly("rto_hours", &Objectives::rto_hours)
      .def_readonly("rpo_hours", &Objectives::rpo_hours);

  py::class_<Service>(m, "Service")
      .def_readonly("name", &Service::name)
      .def_readonly("replicas", &Service::replicas)
      .def_property_readonly("mode",
                             [](const Service& s) { return std::string(to_string(s.mode)); })
      .def_readonly("min_healthy", &Service::min_healthy)
      .def_readonly("failover", &Service::failover)
      .def_readonly("standby_cost_share", &Service::standby_cost_share)
      .def_readonly("depends_on", &Service::depends_on)
      .def_readonly("changes", &Service::changes)
      .def_readonly("data", &Service::data)
      .def_readonly("dr_strategy", &Service::dr_strategy)
      .def_readonly("dr_supplied", &Service::dr_supplied);

  py::class_<Fallback>(m, "Fallback")
      .def_readonly("name", &Fallback::name)
      .def_readonly("services", &Fallback::services)
      .def_readonly("value", &Fallback::value);

  py::class_<Capability>(m, "Capability")
      .def_readonly("name", &Capability::name)
      .def_readonly("services", &Capability::services)
      .def_readonly("weight", &Capability::weight)
      .def_readonly("objectives", &Capability::objectives)
      .def_readonly("fallbacks", &Capability::fallbacks);

  py::class_<CommonCause>(m, "CommonCause")
      .def_readonly("name", &CommonCause::name)
      .def_readonly("members", &CommonCause::members)
      .def_property_readonly("kind", [](const CommonCause& g) { return to_string(g.kind); })
      .def_readonly("process", &CommonCause::process)
      .def_readonly("beta", &CommonCause::beta)
      .def_property_readonly("repair", [](const CommonCause& g) { return to_string(g.repair); });

  py::class_<RegionalService>(m, "RegionalService")
      .def_readonly("name", &RegionalService::name)
      .def_readonly("region", &RegionalService::region)
      .def_readonly("type", &RegionalService::type)
      .def_readonly("outage", &RegionalService::outage)
      .def_readonly("origin", &RegionalService::origin)
      .def_readonly("members", &RegionalService::members);

  py::class_<ControlPlane>(m, "ControlPlane")
      .def_readonly("name", &ControlPlane::name)
      .def_readonly("domain", &ControlPlane::domain)
      .def_readonly("outage", &ControlPlane::outage)
      .def_readonly("origin", &ControlPlane::origin)
      .def_readonly("home", &ControlPlane::home)
      .def_readonly("host_outage", &ControlPlane::host_outage)
      .def_readonly("host_origin", &ControlPlane::host_origin);

  py::class_<Operations>(m, "Operations")
      .def_readonly("responders", &Operations::responders)
      .def_readonly("engage", &Operations::engage)
      .def_readonly("engage_origin", &Operations::engage_origin);

  py::class_<Architecture>(m, "Architecture")
      .def_readonly("name", &Architecture::name)
      .def_readonly("source", &Architecture::source)
      .def_readonly("catalogs", &Architecture::catalogs)
      .def_readonly("domains", &Architecture::domains)
      .def_readonly("components", &Architecture::components)
      .def_readonly("services", &Architecture::services)
      .def_readonly("capabilities", &Architecture::capabilities)
      .def_readonly("common_causes", &Architecture::common_causes)
      .def_readonly("regional_services", &Architecture::regional_services)
      .def_readonly("control_planes", &Architecture::control_planes)
      .def_readonly("operations", &Architecture::operations)
      .def_readonly("objectives", &Architecture::objectives)
      .def_readonly("implicit_capability", &Architecture::implicit_capability)
      .def("find_domain", &Architecture::find_domain)
      .def("find_component", &Architecture::find_component)
      .def("find_service", &Architecture::find_service)
      .def(
          "describe_rollout",
          [](const Architecture& a, int service) {
            if (service < 0 || service >= static_cast<int>(a.services.size()))
              throw py::index_error("no service " + std::to_string(service));
            return describe_rollout(a, service);
          },
          py::arg("service"));

  m.def(
      "load_file",
      [](const std::string& path, const std::string& catalog_dir) {
        return load_file(path, load_options(catalog_dir));
      },
      py::arg("path"), py::arg("catalog_dir") = "");
  m.def(
      "load_text",
      [](const std::string& text, const std::string& source, const std::string& catalog_dir) {
        return load_text(text, source, load_options(catalog_dir));
      },
      py::arg("text"), py::arg("source"), py::arg("catalog_dir") = "");
  // The bytes of a file, as read (the core checks their UTF-8 and says where it breaks).
  m.def(
      "load_text",
      [](const py::bytes& data, const std::string& source, const std::string& catalog_dir) {
        return load_text(std::string(data), source, load_options(catalog_dir));
      },
      py::arg("text"), py::arg("source"), py::arg("catalog_dir") = "");

  py::class_<graph::Plan>(m, "Plan")
      .def_readonly("architecture", &graph::Plan::architecture)
      .def_readonly("domain_count", &graph::Plan::domain_count)
      .def_readonly("component_count", &graph::Plan::component_count)
      .def_property_readonly("element_count", &graph::Plan::element_count)
      .def_readonly("element_name", &graph::Plan::element_name)
      .def_property_readonly("element_kind",
                             [](const graph::Plan& p) {
                               py::list kinds;
                               for (auto kind : p.element_kind)
                                 kinds.append(graph::to_string(kind));
                               return kinds;
                             })
      .def_readonly("service_order", &graph::Plan::service_order)
      .def_readonly("change_begin", &graph::Plan::change_begin)
      .def_readonly("change_service", &graph::Plan::change_service)
      .def(
          "element_triggers",
          [](const graph::Plan& p, int e) {
            if (e < 0 || e >= p.element_count()) throw py::index_error("no element");
            if (p.element_triggers.size() <= e) return std::vector<int>{};
            return std::vector<int>(p.element_triggers.begin(e), p.element_triggers.end(e));
          },
          py::arg("element"),
          "Components a beta-factor group repaired individually fails (empty otherwise).")
      .def(
          "element_components",
          [](const graph::Plan& p, int e) {
            if (e < 0 || e >= p.element_count()) throw py::index_error("no element");
            return std::vector<int>(p.element_components.begin(e), p.element_components.end(e));
          },
          py::arg("element"), "Components whose support contains the element.");
  m.def("build_plan", &graph::build_plan, py::arg("architecture"));
}

}  // namespace outagesim::python
