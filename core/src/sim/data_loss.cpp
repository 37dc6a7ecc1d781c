// Data loss in one replication (data_loss.h). The rules, documented in docs/numbers.md#data-loss:
// - active_passive: the serving replica is the writer. A replica that is healthy while the writer
//   takes writes is in step; one that goes down stops at that moment, and comes back in step
//   only if a writer is taking writes then (it resynchronises from it). When another replica
//   takes over, an in-step one loses the replication lag (async) or nothing (sync); one out of
//   step loses everything written since it stopped.
// - active_active: every healthy in-step replica takes writes. One that is lost while another
//   in-step replica carries on loses the lag of its unreplicated writes (async). When the last
//   one is lost, the first back becomes the data everyone follows, losing what it lacks.
// - a replica restored from backups (replication "backup", active_passive) that takes over
//   loses the writes since the last backup or log taken before the writer stopped.
// - a corruption loses the writes since the last backup (or shipped write log) taken before it
//   began; when that backup is older than the retention by the time the corruption is detected,
//   no clean copy is left: the event is counted as unrecoverable, not in the hours.
#include "data_loss.h"

#include <cmath>
#include <limits>

#include "outagesim/sim/samplers.h"
#include "replication.h"

namespace outagesim::sim {

namespace {
constexpr double NEVER = -std::numeric_limits<double>::infinity();
}  // namespace

DataLoss::DataLoss(const Compiled& compiled) : c_(compiled) {
  const std::size_t n = c_.data.data.size();
  rng_.assign(n, Stream());
  state_.assign(n, State{});
  in_step_.assign(static_cast<std::size_t>(c_.slot_count), 0);
  healthy_.assign(static_cast<std::size_t>(c_.slot_count), 0);
  synced_at_.assign(static_cast<std::size_t>(c_.slot_count), 0.0);
  losses_.resize(n);
  folded_.resize(n);
  begin_measurement(0.0);
}

double DataLoss::scheduled_before(double t, double period, double phase) {
  return phase + period * std::floor((t - phase) / period);
}

double DataLoss::last_taken(int d, double t, bool log) const {
  const DataSpec& spec = c_.data.data[d];
  const State& st = state_[d];
  if (spec.interval_hours <= 0.0) return NEVER;
  if (st.location_down == 0) {
    const double taken = log ? scheduled_before(t, spec.log_hours, st.log_phase)
                             : scheduled_before(t, spec.interval_hours, st.backup_phase);
    if (taken >= st.location_up_since) return taken;
  }
  return log ? st.last_log : st.last_backup;
}

void DataLoss::start(std::uint64_t seed, std::int64_t index, double now, const bool* slot_healthy,
                     const std::vector<int>& serving, const bool* service_up,
                     const bool* element_up) {
  for (std::size_t d = 0; d < c_.data.data.size(); ++d) {
    const DataSpec& spec = c_.data.data[d];
    State& st = state_[d];
    st = State{};
    rng_[d].reset(seed, static_cast<std::uint64_t>(index), spec.stream_key);
    // A schedule running since long before: its phase uniform over the period.
    if (spec.interval_hours > 0.0) {
      st.backup_phase = now + rng_[d].uniform() * spec.interval_hours;
      // Without point-in-time recovery the "log" is the backups themselves.
      const double u = rng_[d].uniform();
      st.log_phase = spec.point_in_time ? now + u * spec.log_hours : st.backup_phase;
    }
    for (int e : spec.location_support) st.location_down += !element_up[e];
    st.location_up_since = NEVER;
    st.last_backup = st.last_log = NEVER;
    if (st.location_down > 0) {
      // Down at the start: as if it had just gone down.
      st.last_backup = scheduled_before(now, spec.interval_hours, st.backup_phase);
      st.last_log = scheduled_before(now, spec.log_hours, st.log_phase);
    }
    const int p = spec.service;
    bool any_healthy = false;
    for (int slot = c_.service_slot_begin[p]; slot < c_.service_slot_end[p]; ++slot) {
      healthy_[slot] = slot_healthy[slot];
      in_step_[slot] = slot_healthy[slot];
      synced_at_[slot] = now;
      any_healthy |= slot_healthy[slot];
    }
    if (spec.active_passive) {
      st.writer = serving[p];
      st.writing = service_up[p] && slot_healthy[st.writer];
    } else {
      st.writing = any_healthy;
    }
    st.writer_down_at = now;
    st.corrupted = spec.corruption_element >= 0 && !element_up[spec.corruption_element];
    st.writes_up = true;
    update_writes(static_cast<int>(d), slot_healthy, service_up[p], now);
  }
  begin_measurement(now);
}

void DataLoss::update_writes(int d, const bool* slot_healthy, bool up, double now) {
  const DataSpec& spec = c_.data.data[d];
  if (spec.quorum == 0) return;
  State& st = state_[d];
  int healthy = 0;
  for (int slot = c_.service_slot_begin[spec.service]; slot < c_.service_slot_end[spec.service];
       ++slot)
    healthy += slot_healthy[slot];
  const bool writes_up = up && healthy >= spec.quorum;
  if (writes_up == st.writes_up) return;
  st.writes_up = writes_up;
  if (!writes_up)
    st.writes_down_since = now;
  else
    write_down_hours_[d] += now - std::max(st.writes_down_since, measure_start_);
}

void DataLoss::observe(int d, const bool* slot_healthy, int serving, bool serving_up, double now) {
  const DataSpec& spec = c_.data.data[d];
  State& st = state_[d];
  update_writes(d, slot_healthy, serving_up, now);
  if (st.corrupted || st.restored) return rebase(d, slot_healthy, serving, serving_up, now);
  const int begin = c_.service_slot_begin[spec.service];
  const int end = c_.service_slot_end[spec.service];
  for (int slot = begin; slot < end; ++slot) {
    const bool h = slot_healthy[slot];
    if (h == static_cast<bool>(healthy_[slot])) continue;
    healthy_[slot] = h;
    if (!h) {
      if (!in_step_[slot]) continue;
      in_step_[slot] = 0;
      if (spec.active_passive) {
        if (slot == st.writer && st.writing) {
          st.writing = false;
          st.writer_down_at = now;
        }
        synced_at_[slot] = st.writing ? now : st.writer_down_at;
        continue;
      }
      synced_at_[slot] = now;
      bool others = false;
      for (int other = begin; other < end && !others; ++other) others = in_step_[other];
      if (others) {
        // Its share of the writes not yet replicated is gone with it.
        const int r = slot - begin;
        if (spec.async[r]) record(d, ASYNC_FAILOVER, sample(spec.lag[r], rng_[d]));
      } else {
        st.writing = false;
        st.writer_down_at = now;
      }
    } else if (st.writing || (spec.active_passive && slot == st.writer)) {
      in_step_[slot] = 1;  // resynchronised from the writer, or the writer itself
    } else if (!spec.active_passive) {
      take_over(d, slot, now);  // the first replica back holds the data everyone follows
    }
  }
  if (!spec.active_passive || !serving_up) return;
  if (serving != st.writer) {
    take_over(d, serving, now);
  } else if (!st.writing) {
    // The writer came back and serves again: nothing was lost, and every healthy replica
    // resynchronises from it.
    st.writing = true;
    for (int slot = begin; slot < end; ++slot) in_step_[slot] = healthy_[slot];
  }
}

void DataLoss::rebase(int d, const bool* slot_healthy, int serving, bool serving_up, double now) {
  // Down for a corruption, replicas are not lost: their data is being restored. Once restored,
  // the healthy replicas hold it, in step, and the others resynchronise when back.
  const DataSpec& spec = c_.data.data[d];
  State& st = state_[d];
  bool any_healthy = false;
  for (int slot = c_.service_slot_begin[spec.service]; slot < c_.service_slot_end[spec.service];
       ++slot) {
    healthy_[slot] = slot_healthy[slot];
    in_step_[slot] = slot_healthy[slot];
    synced_at_[slot] = now;
    any_healthy |= slot_healthy[slot];
  }
  if (st.corrupted) return;
  st.restored = false;
  if (spec.active_passive) {
    st.writer = serving;
    st.writing = serving_up;
  } else {
    st.writing = any_healthy;
  }
  st.writer_down_at = now;
}

void DataLoss::take_over(int d, int slot, double now) {
  const DataSpec& spec = c_.data.data[d];
  State& st = state_[d];
  const int position = slot - c_.service_slot_begin[spec.service];
  const double behind = in_step_[slot] ? 0.0 : st.writer_down_at - synced_at_[slot];
  if (spec.from_backups[position]) {
    // Restored from the last backup (or log) taken before the writer stopped.
    const double taken =
        std::max(last_taken(d, st.writer_down_at, false), last_taken(d, st.writer_down_at, true));
    record(d, BACKUP_TAKEOVER, st.writer_down_at - taken);
  } else if (spec.quorum > 0) {
    // Every acknowledged write is on a quorum of replicas: the one elected holds them all.
  } else if (behind > 0.0) {
    record(d, STALE_REPLICA, behind);
  } else if (spec.async[position] && spec.active_passive) {
    record(d, ASYNC_FAILOVER, sample(spec.lag[position], rng_[d]));
  }
  st.writer = slot;
  st.writing = true;
  // The healthy replicas follow the new writer from now on; the others resynchronise when back.
  for (int s = c_.service_slot_begin[spec.service]; s < c_.service_slot_end[spec.service]; ++s) {
    in_step_[s] = healthy_[s];
    if (!healthy_[s]) synced_at_[s] = std::min(synced_at_[s], now);
  }
}

double DataLoss::corruption_began(int d, double now) {
  const DataSpec& spec = c_.data.data[d];
  const double detect = sample(spec.detect, rng_[d]);
  ++restores_[d];
  state_[d].corrupted = true;
  const double backup = last_taken(d, now, false);
  const double log = last_taken(d, now, true);
  if (now + detect - backup > spec.retention_hours) {
    // The last clean backup was deleted before the corruption was found.
    ++unrecoverable_[d];
    for (int m : spec.rpo_measures) ++over_rpo_[m];
  } else {
    record(d, CORRUPTION, now - std::max(backup, log));
  }
  return detect;
}

double DataLoss::residual_down(int d, const Sampler& restore, Stream& rng) {
  const Sampler& detect = c_.data.data[d].detect;
  const double in_detection = detect.mean / (detect.mean + restore.mean);
  if (rng.uniform() < in_detection) return sample_residual(detect, rng) + sample(restore, rng);
  return sample_residual(restore, rng);
}

void DataLoss::element_changed(int element, int delta, double now) {
  const auto& offsets = c_.data.backups_offsets;
  for (int i = offsets[element]; i < offsets[element + 1]; ++i) {
    const int d = c_.data.backups[i];
    State& st = state_[d];
    if (st.location_down == 0 && delta > 0) {
      // Going down: remember the last backup and log it took.
      st.last_backup = last_taken(d, now, false);
      st.last_log = last_taken(d, now, true);
    }
    st.location_down += delta;
    if (st.location_down == 0) st.location_up_since = now;
  }
}

void DataLoss::record(int d, int cause, double hours) {
  if (!(hours > 0.0)) return;
  const std::size_t i = static_cast<std::size_t>(d) * DATA_CAUSES + cause;
  ++events_[i];
  hours_[i] += hours;
  for (int m : c_.data.data[d].rpo_measures)
    if (hours > c_.data.measure_rpo[m]) ++over_rpo_[m];
  add_listed(hours * 60.0, losses_[d], folded_[d]);  // minutes, the per-event figures' unit
}

void DataLoss::begin_measurement(double at) {
  measure_start_ = at;
  write_down_hours_.assign(c_.data.data.size(), 0.0);
  const std::size_t n = c_.data.data.size();
  const std::size_t measures = c_.data.measure_rto.size();
  events_.assign(n * DATA_CAUSES, 0);
  hours_.assign(n * DATA_CAUSES, 0.0);
  restores_.assign(n, 0);
  unrecoverable_.assign(n, 0);
  over_rpo_.assign(measures, 0);
  over_rto_.assign(measures, 0);
  for (auto& l : losses_) l.clear();
  for (auto& f : folded_) f.reset();
}

void DataLoss::close(double horizon, ReplicationOutcome& out) {
  for (std::size_t d = 0; d < state_.size(); ++d)
    if (!state_[d].writes_up)
      write_down_hours_[d] += horizon - std::max(state_[d].writes_down_since, measure_start_);
  out.write_down_hours = write_down_hours_;
  out.loss_events = events_;
  out.loss_hours = hours_;
  out.restores = restores_;
  out.unrecoverable = unrecoverable_;
  out.over_rpo = over_rpo_;
  out.over_rto = over_rto_;
  out.losses.resize(losses_.size());
  out.folded_losses.resize(losses_.size());
  for (std::size_t d = 0; d < losses_.size(); ++d) {
    out.losses[d] = losses_[d];
    out.folded_losses[d] = folded_[d] ? std::make_unique<LogHistogram>(*folded_[d]) : nullptr;
  }
}

}  // namespace outagesim::sim
