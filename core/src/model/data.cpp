// Reading a service's "data" and the "objectives", and turning a corruption into the element
// that takes the service's replicas down while it is detected and restored.
#include "data.h"

#include <cmath>
#include <vector>

#include "did_you_mean.h"

namespace outagesim::model {

namespace {

const std::vector<std::string> DATA_FIELDS{
    "replication",       "lag",     "quorum",     "replicas",
    "writes_per_second", "backups", "corruption", "description"};
const std::vector<std::string> REPLICA_FIELDS{"replication", "lag", "description"};
const std::vector<std::string> REPLICATIONS{"none", "sync", "async", "backup", "quorum"};
const std::vector<std::string> BACKUP_FIELDS{"interval", "retention",           "restore",
                                             "size_gb",  "restore_gb_per_hour", "point_in_time",
                                             "location", "description"};
const std::vector<std::string> CORRUPTION_FIELDS{"mtbf", "ttf", "detect", "description"};
const std::vector<std::string> OBJECTIVE_FIELDS{"rto", "rpo", "description"};

std::string quote(const std::string& text) { return "\"" + text + "\""; }

std::optional<double> required_duration(ValidationContext& ctx, const Json& object,
                                        const std::string& path, const std::string& key,
                                        const std::string& hint) {
  const Json* v = ctx.required(object, path, key, hint);
  if (!v) return std::nullopt;
  return ctx.duration(*v, child(path, key), true);
}

// A positive number of `unit` at path/key, or nullopt after reporting the problem.
std::optional<double> positive_number(ValidationContext& ctx, const Json& object,
                                      const std::string& path, const std::string& key,
                                      const std::string& unit) {
  const Json& v = object.at(key);
  const auto x = ctx.number(v, child(path, key), "a number of " + unit + " above zero");
  if (x && !(*x > 0.0 && std::isfinite(*x))) {
    ctx.problem(child(path, key), "expected a number of " + unit + " above zero, " + found(v));
    return std::nullopt;
  }
  return x;
}

// The restore time: "restore" (a duration or a distribution), or the size of the data over the
// restore throughput ("size_gb" / "restore_gb_per_hour", a fixed time). Exactly one form.
bool read_restore(ValidationContext& ctx, const Json& b, const std::string& path,
                  Backups& backups) {
  const bool timed = b.contains("restore");
  const bool sized = b.contains("size_gb") || b.contains("restore_gb_per_hour");
  if (timed == sized) {
    ctx.problem(path, std::string("expected the restore time: \"restore\" (a duration or a "
                                  "distribution), or \"size_gb\" with \"restore_gb_per_hour\" "
                                  "(the time is the size over the throughput), ") +
                          (timed ? "found both" : "found neither"));
    return false;
  }
  if (timed) {
    auto d = ctx.distribution(b.at("restore"), path + "/restore", true, true);
    if (d) backups.restore = *d;
    return d.has_value();
  }
  for (const char* key : {"size_gb", "restore_gb_per_hour"}) {
    if (!b.contains(key)) {
      ctx.problem(path, std::string("\"") + (key[0] == 's' ? "restore_gb_per_hour" : "size_gb") +
                            "\" is stated but \"" + key +
                            "\" is missing; expected both (the "
                            "restore time is the size over the throughput)");
      return false;
    }
  }
  const auto size = positive_number(ctx, b, path, "size_gb", "GB");
  const auto rate = positive_number(ctx, b, path, "restore_gb_per_hour", "GB an hour");
  if (!size || !rate) return false;
  backups.size_gb = *size;
  backups.restore_gb_per_hour = *rate;
  backups.restore = Distribution::deterministic(*size / *rate);
  return true;
}

std::optional<Backups> read_backups(ValidationContext& ctx, const Json& value,
                                    const std::string& path, std::optional<std::string>& location) {
  const Json* b = ctx.object(value, path,
                             "a backups object such as {\"interval\": \"24h\", \"retention\": "
                             "\"30d\", \"restore\": \"2h\"}");
  if (!b) return std::nullopt;
  ctx.known_fields(*b, path, BACKUP_FIELDS, "backups");
  Backups backups;
  bool ok = true;
  if (auto h = required_duration(ctx, *b, path, "interval", "the time between backups (\"24h\")"))
    backups.interval_hours = *h;
  else
    ok = false;
  if (auto h = required_duration(ctx, *b, path, "retention", "how long a backup is kept (\"30d\")"))
    backups.retention_hours = *h;
  else
    ok = false;
  if (!read_restore(ctx, *b, path, backups)) ok = false;
  if (b->contains("point_in_time")) {
    if (auto h = ctx.duration(b->at("point_in_time"), path + "/point_in_time", true))
      backups.point_in_time_hours = *h;
    else
      ok = false;
  }
  if (b->contains("location")) {
    if (auto text = ctx.string(b->at("location"), path + "/location",
                               "a provider, region or zone path such as \"aws/us-west-2\""))
      location = *text;
    else
      ok = false;
  }
  if (b->contains("description"))
    ctx.string(b->at("description"), path + "/description", "a string");
  if (!ok) return std::nullopt;
  if (backups.retention_hours < backups.interval_hours) {
    ctx.problem(path + "/retention",
                "expected a retention of at least the interval (" + b->at("interval").dump() +
                    "): each backup would be deleted before the next one is taken, " +
                    found(b->at("retention")));
    return std::nullopt;
  }
  if (backups.point_in_time_hours && *backups.point_in_time_hours > backups.interval_hours) {
    ctx.problem(path + "/point_in_time",
                "expected a point-in-time granularity no longer than the interval (" +
                    b->at("interval").dump() + "), " + found(b->at("point_in_time")));
    return std::nullopt;
  }
  return backups;
}

std::optional<Corruption> read_corruption(ValidationContext& ctx, const Json& value,
                                          const std::string& path) {
  const Json* c =
      ctx.object(value, path, "a corruption object such as {\"mtbf\": \"2y\", \"detect\": \"6h\"}");
  if (!c) return std::nullopt;
  ctx.known_fields(*c, path, CORRUPTION_FIELDS, "a corruption");
  Corruption corruption;
  bool ok = true;
  const bool has_mtbf = c->contains("mtbf"), has_ttf = c->contains("ttf");
  if (has_mtbf == has_ttf) {
    ctx.problem(path, std::string("expected exactly one of \"mtbf\" (the mean time between "
                                  "corruptions, a duration) or \"ttf\" (a distribution), ") +
                          (has_mtbf ? "found both" : "found neither"));
    ok = false;
  } else if (has_mtbf) {
    if (auto h = ctx.duration(c->at("mtbf"), path + "/mtbf", true))
      corruption.onset = Distribution::exponential(*h);
    else
      ok = false;
  } else if (auto d = ctx.distribution(c->at("ttf"), path + "/ttf", true, false)) {
    corruption.onset = *d;
  } else {
    ok = false;
  }
  if (const Json* d = ctx.required(*c, path, "detect",
                                   "the time until the corruption is noticed: a duration or a "
                                   "distribution")) {
    if (auto dist = ctx.distribution(*d, path + "/detect", false, true))
      corruption.detect = *dist;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (c->contains("description"))
    ctx.string(c->at("description"), path + "/description", "a string");
  return ok ? std::optional<Corruption>(corruption) : std::nullopt;
}

// "replication" and "lag" of `object` (the data block or one replica's entry); `required`:
// replication must be stated. Returns false on a problem.
bool read_replication_rule(ValidationContext& ctx, const Json& object, const std::string& path,
                           bool required, WriteReplication& replication, Distribution& lag) {
  bool ok = true;
  if (object.contains("replication")) {
    const std::string rpath = path + "/replication";
    const auto text =
        ctx.string(object.at("replication"), rpath, "one of: none, sync, async, backup, quorum");
    if (!text) {
      ok = false;
    } else if (*text == "sync") {
      replication = WriteReplication::sync;
    } else if (*text == "async") {
      replication = WriteReplication::async;
    } else if (*text == "backup") {
      replication = WriteReplication::backup;
    } else if (*text == "quorum") {
      replication = WriteReplication::quorum;
    } else if (*text == "none") {
      replication = WriteReplication::none;
    } else {
      ctx.problem(rpath, "unknown replication " + quote(*text) + ";" +
                             did_you_mean(*text, REPLICATIONS) +
                             " expected none, sync, async, backup or quorum");
      ok = false;
    }
  } else if (required) {
    return false;  // the caller says what is missing
  }
  if (object.contains("lag")) {
    if (replication != WriteReplication::async) {
      ctx.problem(path + "/lag",
                  "a replication lag applies to async replication only; expected "
                  "no \"lag\" with \"replication\": \"" +
                      std::string(to_string(replication)) + "\"");
      ok = false;
    } else if (auto d = ctx.distribution(object.at("lag"), path + "/lag", false, true)) {
      lag = *d;
    } else {
      ok = false;
    }
  } else if (ok && replication == WriteReplication::async) {
    ctx.problem(path,
                "async replication needs \"lag\": how far behind the replicas are (a "
                "duration such as \"2s\" or a distribution)");
    ok = false;
  }
  return ok;
}

}  // namespace

std::optional<DataDraft> read_data(ValidationContext& ctx, const Json& value,
                                   const std::string& path, const Service& service,
                                   const std::vector<std::string>& replica_names) {
  const Json* d = ctx.object(value, path,
                             "a data object such as {\"replication\": \"async\", \"lag\": \"2s\"}");
  if (!d) return std::nullopt;
  ctx.known_fields(*d, path, DATA_FIELDS, "data");
  DataDraft draft;
  draft.path = path;
  Data& data = draft.data;
  bool ok = true;
  const bool replicated = service.replicas.size() > 1;
  if (!d->contains("replication") && replicated) {
    ctx.problem(
        path, "service " + quote(service.name) + " has " + std::to_string(service.replicas.size()) +
                  " replicas; expected \"replication\": \"sync\", \"async\" or \"backup\" (how the "
                  "replicas receive writes)");
    ok = false;
  } else if (!read_replication_rule(ctx, *d, path, false, data.replication, data.lag)) {
    ok = false;
  } else if (replicated && data.replication == WriteReplication::none) {
    ctx.problem(path + "/replication", "service " + quote(service.name) + " has " +
                                           std::to_string(service.replicas.size()) +
                                           " replicas; expected sync, async or backup (how the "
                                           "replicas receive writes), found \"none\"");
    ok = false;
  } else if (!replicated && data.replication != WriteReplication::none) {
    ctx.problem(path + "/replication", "service " + quote(service.name) +
                                           " has one replica, so nothing to replicate to; "
                                           "expected \"none\" or no \"replication\", " +
                                           found(d->at("replication")));
    ok = false;
  }
  if (d->contains("quorum") && data.replication != WriteReplication::quorum) {
    ctx.problem(path + "/quorum", "a quorum applies to \"replication\": \"quorum\" only, not \"" +
                                      std::string(to_string(data.replication)) + "\"");
    ok = false;
  } else if (data.replication == WriteReplication::quorum) {
    const Json* q =
        ctx.required(*d, path, "quorum", "the number of replicas a write commits on (2 or more)");
    const int replicas = static_cast<int>(service.replicas.size());
    if (!q) {
      ok = false;
    } else if (const auto k = ctx.number(*q, path + "/quorum", "a whole number of replicas")) {
      if (std::floor(*k) != *k || *k < 2 || *k > replicas) {
        ctx.problem(path + "/quorum", "expected a whole number of replicas from 2 to " +
                                          std::to_string(replicas) + " (the service's replicas), " +
                                          found(*q));
        ok = false;
      } else {
        data.quorum = static_cast<int>(*k);
      }
    } else {
      ok = false;
    }
  }
  if (d->contains("replicas")) {
    const std::string rpath = path + "/replicas";
    if (const Json* entries = ctx.object(d->at("replicas"), rpath,
                                         "an object of replica names such as {\"db-west\": "
                                         "{\"replication\": \"async\", \"lag\": \"5s\"}}")) {
      for (const auto& [name, entry] : entries->items()) {
        const std::string epath = child(rpath, name);
        int position = -1;
        for (std::size_t r = 0; r < service.replicas.size(); ++r)
          if (replica_names[r] == name) position = static_cast<int>(r);
        if (position < 0) {
          ctx.problem(epath, "no replica " + quote(name) + " in service " + quote(service.name) +
                                 ";" + did_you_mean(name, replica_names) +
                                 " expected one of its replicas");
          ok = false;
          continue;
        }
        const Json* e = ctx.object(entry, epath,
                                   "a replica's replication such as {\"replication\": "
                                   "\"async\", \"lag\": \"5s\"}");
        if (!e) {
          ok = false;
          continue;
        }
        ctx.known_fields(*e, epath, REPLICA_FIELDS, "a replica's replication");
        ReplicaReplication rule;
        if (!e->contains("replication")) {
          ctx.problem(epath, "expected \"replication\": \"sync\", \"async\" or \"backup\"");
          ok = false;
        } else if (!read_replication_rule(ctx, *e, epath, true, rule.replication, rule.lag)) {
          ok = false;
        } else if (rule.replication == WriteReplication::quorum ||
                   data.replication == WriteReplication::quorum) {
          ctx.problem(epath + "/replication",
                      "a quorum is the whole service's rule; expected no per-replica rule with "
                      "\"replication\": \"quorum\"");
          ok = false;
        } else if (rule.replication == WriteReplication::none) {
          ctx.problem(epath + "/replication",
                      "expected sync, async or backup for a replica, found \"none\"");
          ok = false;
        } else {
          data.replicas[position] = rule;
        }
        if (e->contains("description"))
          ctx.string(e->at("description"), epath + "/description", "a string");
      }
    } else {
      ok = false;
    }
  }
  if (d->contains("writes_per_second")) {
    const Json& w = d->at("writes_per_second");
    const auto rate = ctx.number(w, path + "/writes_per_second", "a number of writes a second");
    if (!rate || !(*rate > 0.0) || !std::isfinite(*rate)) {
      if (rate)
        ctx.problem(path + "/writes_per_second",
                    "expected a number of writes a second greater than zero, " + found(w));
      ok = false;
    } else {
      data.writes_per_second = *rate;
    }
  }
  if (d->contains("backups")) {
    if (auto b = read_backups(ctx, d->at("backups"), path + "/backups", draft.location))
      data.backups = std::move(*b);
    else
      ok = false;
  }
  if (d->contains("corruption")) {
    if (auto c = read_corruption(ctx, d->at("corruption"), path + "/corruption")) {
      data.corruption = *c;
      if (!d->contains("backups")) {
        ctx.problem(path + "/corruption",
                    "a corruption reaches every replica and is recovered by a restore; expected "
                    "\"backups\" in the same \"data\" object to restore from");
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  bool from_backups = data.replication == WriteReplication::backup;
  for (const auto& [r, rule] : data.replicas)
    from_backups |= rule.replication == WriteReplication::backup;
  if (ok && from_backups && !data.backups) {
    ctx.problem(path,
                "a replica restored from backups needs \"backups\" in the same \"data\" "
                "object (its interval, retention and restore)");
    ok = false;
  }
  if (ok && from_backups && service.mode != RedundancyMode::active_passive) {
    ctx.problem(path,
                "a replica restored from backups takes over only in an active_passive "
                "service; expected \"redundancy\": {\"mode\": \"active_passive\", ...}");
    ok = false;
  }
  if (d->contains("description"))
    ctx.string(d->at("description"), path + "/description", "a string");
  return ok ? std::optional<DataDraft>(std::move(draft)) : std::nullopt;
}

void resolve_data(ValidationContext& ctx, Architecture& arch, std::map<int, DataDraft>& drafts) {
  std::vector<std::string> domain_paths;
  for (const Domain& d : arch.domains) domain_paths.push_back(d.path);
  for (auto& [s, draft] : drafts) {
    Service& service = arch.services[static_cast<std::size_t>(s)];
    Data data = draft.data;
    if (draft.location && data.backups) {
      const int domain = arch.find_domain(*draft.location);
      if (domain < 0) {
        ctx.problem(draft.path + "/backups/location",
                    "unknown location " + quote(*draft.location) + ";" +
                        did_you_mean(*draft.location, domain_paths) +
                        " expected a provider, region or zone of the model such as "
                        "\"aws/us-west-2\"");
        continue;
      }
      data.backups->location = domain;
    }
    if (data.corruption && data.backups) {
      // The corruption's element: a shock over every replica, down for detection then restore.
      CommonCause group;
      group.name = service.name + "/corruption";
      group.kind = CommonCauseKind::corruption;
      group.members = service.replicas;
      group.process.never_fails = false;
      group.process.ttf = data.corruption->onset;
      group.process.detect = data.corruption->detect;
      group.process.ttr = data.backups->restore;
      data.corruption->group = static_cast<int>(arch.common_causes.size());
      arch.common_causes.push_back(std::move(group));
    }
    service.data = std::move(data);
  }
}

Objectives read_objectives(ValidationContext& ctx, const Json& value, const std::string& path) {
  Objectives objectives;
  const Json* o = ctx.object(value, path,
                             "an objectives object such as {\"rto\": \"1h\", "
                             "\"rpo\": \"5m\"}");
  if (!o) return objectives;
  ctx.known_fields(*o, path, OBJECTIVE_FIELDS, "objectives");
  if (o->contains("rto")) objectives.rto_hours = ctx.duration(o->at("rto"), path + "/rto", true);
  if (o->contains("rpo")) objectives.rpo_hours = ctx.duration(o->at("rpo"), path + "/rpo", false);
  if (o->contains("description"))
    ctx.string(o->at("description"), path + "/description", "a string");
  return objectives;
}

}  // namespace outagesim::model
