// Indexed binary min-heap of timer deadlines: every timer is always in the heap (idle = +inf), so
// rescheduling the earliest timer is one sift-down and no allocation happens in the event loop.
// One +inf node past the end lets sift-down pick the earlier child without a bounds test (a
// branch mispredicted about half the time).
#pragma once

#include <limits>
#include <vector>

namespace outagesim::sim {

class EventQueue {
 public:
  static constexpr double NEVER = std::numeric_limits<double>::infinity();

  void reset(int timer_count) {
    size_ = timer_count;
    nodes_.resize(static_cast<std::size_t>(timer_count) + 1);
    position_.resize(static_cast<std::size_t>(timer_count));
    for (int i = 0; i < timer_count; ++i) {
      nodes_[i] = {NEVER, i};
      position_[i] = i;
    }
    nodes_[timer_count] = {NEVER, -1};  // the sentinel; never moves
  }
  bool empty() const { return size_ == 0; }
  int top() const { return nodes_[0].timer; }
  // With no timer, the sentinel answers: never.
  double top_time() const { return nodes_[0].time; }
  double time_of(int timer) const { return nodes_[position_[timer]].time; }

  // Moves the earliest timer to `time` (a later one, as after handling its event).
  void reschedule_top(double time) {
    nodes_[0].time = time;
    sift_down(0);
  }

  void set(int timer, double time) {
    const int i = position_[timer];
    const double old = nodes_[i].time;
    nodes_[i].time = time;
    if (time < old) {
      sift_up(i);
    } else {
      sift_down(i);
    }
  }

 private:
  struct Node {
    double time;
    int timer;
  };

  void sift_up(int i) {
    const Node node = nodes_[i];
    while (i > 0) {
      const int parent = (i - 1) >> 1;
      if (!(node.time < nodes_[parent].time)) break;
      place(i, nodes_[parent]);
      i = parent;
    }
    place(i, node);
  }

  void sift_down(int i) {
    const int n = size_;
    const Node node = nodes_[i];
    for (;;) {
      int child = 2 * i + 1;
      if (child >= n) break;
      // child + 1 <= n: at worst the sentinel, which never wins.
      child += nodes_[child + 1].time < nodes_[child].time;
      if (!(nodes_[child].time < node.time)) break;
      place(i, nodes_[child]);
      i = child;
    }
    place(i, node);
  }

  void place(int i, const Node& node) {
    nodes_[i] = node;
    position_[node.timer] = i;
  }

  int size_ = 0;
  std::vector<Node> nodes_{{NEVER, -1}};  // the timers, then the sentinel
  std::vector<int> position_;
};

}  // namespace outagesim::sim
