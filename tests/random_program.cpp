// The random program generator and its Go printer (random_program.hpp).
#include "random_program.hpp"

#include <random>
#include <utility>

namespace random_program {

using chan_model::Case;
using chan_model::kNil;
using chan_model::make_op;
using chan_model::Op;
using chan_model::OpKind;
using chan_model::Program;

namespace {

constexpr std::size_t kMaxOps = 6;  // per goroutine, besides its Done

class Gen {
 public:
  explicit Gen(std::uint64_t seed) : rng_(seed) {}

  Program run() {
    int nch = 2 + pick(3);
    for (int c = 0; c < nch; c++) {
      static constexpr int kCaps[] = {0, 0, 1, 2, 3};
      p_.caps.push_back(c > 0 && chance(0.08) ? kNil : kCaps[pick(5)]);
    }
    p_.gs.resize(2 + pick(3));
    p_.waitgroup = chance(0.6);
    int ng = static_cast<int>(p_.gs.size());
    int messages = ng + pick(ng + 1);
    for (int m = 0; m < messages; m++) {
      int c = pick(nch);
      int s = pick(ng), r = pick(ng - 1);
      if (r >= s) r++;
      if (p_.caps[c] != kNil && room(s) && room(r)) {
        add(s, chance(0.25) ? select_with({c, true, 0}) : make_op(OpKind::Send, c));
        add(r, chance(0.25) ? select_with({c, false, 0}) : make_op(OpKind::Recv, c));
      }
      if (chance(0.35)) noise();
    }
    if (chance(0.4)) close_after_last_send();
    if (p_.waitgroup) {
      auto& main = p_.gs[0];
      std::size_t at = chance(0.8) ? main.size() : pick(static_cast<int>(main.size()) + 1);
      main.insert(main.begin() + static_cast<std::ptrdiff_t>(at), make_op(OpKind::Wait));
      for (std::size_t g = 1; g < p_.gs.size(); g++) p_.gs[g].push_back(make_op(OpKind::Done));
    }
    for (auto& ops : p_.gs) {
      if (ops.empty()) ops.push_back(sleep(1 + pick(50)));
    }
    number_values();
    return std::move(p_);
  }

 private:
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  // Integer arithmetic only, no <random> distribution: a seed gives the same
  // program natively and in WebAssembly (libstdc++ and libc++ differ there).
  bool chance(double p) { return static_cast<double>(rng_() % 1000) < p * 1000; }
  bool room(int g) const { return p_.gs[g].size() < kMaxOps; }
  void add(int g, Op op) { p_.gs[g].push_back(std::move(op)); }
  static Op sleep(int us) {
    Op op = make_op(OpKind::Sleep);
    op.sleep_us = us;
    return op;
  }

  // A select holding `first` and 0-2 random cases in random order,
  // sometimes with a default.
  Op select_with(Case first) {
    Op op = make_op(OpKind::Select);
    op.cases.push_back(first);
    for (int extra = chance(0.6) ? 1 + pick(2) : 0; extra > 0; extra--) {
      op.cases.push_back({pick(static_cast<int>(p_.caps.size())), chance(0.5), 0});
    }
    for (int i = static_cast<int>(op.cases.size()) - 1; i > 0; i--) {
      std::swap(op.cases[i], op.cases[pick(i + 1)]);
    }
    op.has_default = chance(0.1);
    return op;
  }

  // An op outside the message pairs: it may steal a message, block for
  // good or panic.
  void noise() {
    int g = pick(static_cast<int>(p_.gs.size()));
    if (!room(g)) return;
    int c = pick(static_cast<int>(p_.caps.size()));
    int k = pick(10);
    if (k < 4) {
      add(g, sleep(1 + pick(200)));
    } else if (k < 6) {
      Op op = select_with({c, chance(0.5), 0});
      op.has_default = true;
      add(g, std::move(op));
    } else if (k < 7) {
      Op op = select_with({c, chance(0.5), 0});
      op.has_default = false;  // a timer may fire first (chan_model.hpp)
      op.cases.push_back({0, false, 0, 1 + pick(100)});
      std::swap(op.cases.back(), op.cases[pick(static_cast<int>(op.cases.size()))]);
      add(g, std::move(op));
    } else if (k < 8) {
      add(g, make_op(chance(0.5) ? OpKind::Recv : OpKind::Send, c));
    } else if (k < 9) {
      add(g, make_op(OpKind::Close, c));
    } else {
      add(g, sleep(1 + pick(20)));
    }
  }

  // Closes a channel in the goroutine that sends on it last, after that
  // send, and sometimes has another goroutine receive from it once more.
  void close_after_last_send() {
    int c = pick(static_cast<int>(p_.caps.size()));
    int last = -1;
    for (std::size_t g = 0; g < p_.gs.size(); g++) {
      for (const Op& op : p_.gs[g]) {
        if (op.kind == OpKind::Send && op.ch == c) last = static_cast<int>(g);
      }
    }
    if (last < 0 || !room(last)) return;
    add(last, make_op(OpKind::Close, c));
    int r = pick(static_cast<int>(p_.gs.size()));
    if (r != last && room(r) && chance(0.5)) add(r, make_op(OpKind::Recv, c));
  }

  // Gives every send a unique value: goroutine*1000 + op*10 + case, plus 1000.
  void number_values() {
    for (std::size_t g = 0; g < p_.gs.size(); g++) {
      for (std::size_t k = 0; k < p_.gs[g].size(); k++) {
        Op& op = p_.gs[g][k];
        int base = static_cast<int>((g + 1) * 1000 + k * 10);
        if (op.kind == OpKind::Send) op.value = base;
        for (std::size_t i = 0; i < op.cases.size(); i++) {
          if (op.cases[i].send) op.cases[i].value = base + static_cast<int>(i);
        }
      }
    }
  }

  std::mt19937_64 rng_;
  Program p_;
};

std::string chan(int c) {
  std::string s = "c";
  return s += std::to_string(c);
}

void print_op(std::string& out, const Op& op, const std::string& who, const std::string& in) {
  switch (op.kind) {
    case OpKind::Send:
      out += in + chan(op.ch) + " <- " + std::to_string(op.value) + "\n";
      break;
    case OpKind::Recv:
      out += in + "{\n" + in + "\tv, ok := <-" + chan(op.ch) + "\n" + in + "\tfmt.Println(\"" +
             who + ": recv\", v, ok)\n" + in + "}\n";
      break;
    case OpKind::Select:
      out += in + "select {\n";
      for (std::size_t i = 0; i < op.cases.size(); i++) {
        const Case& c = op.cases[i];
        std::string tag = "\"" + who + ": case " + std::to_string(i) + "\"";
        if (c.after_us > 0) {
          out += in + "case <-time.After(" + std::to_string(c.after_us) + " * time.Microsecond):\n";
          out += in + "\tfmt.Println(" + tag + ")\n";
        } else if (c.send) {
          out += in + "case " + chan(c.ch) + " <- " + std::to_string(c.value) + ":\n";
          out += in + "\tfmt.Println(" + tag + ")\n";
        } else {
          out += in + "case v, ok := <-" + chan(c.ch) + ":\n";
          out += in + "\tfmt.Println(" + tag + ", v, ok)\n";
        }
      }
      if (op.has_default)
        out += in + "default:\n" + in + "\tfmt.Println(\"" + who + ": default\")\n";
      out += in + "}\n";
      break;
    case OpKind::Close:
      out += in + "close(" + chan(op.ch) + ")\n";
      break;
    case OpKind::Sleep:
      out += in + "time.Sleep(" + std::to_string(op.sleep_us) + " * time.Microsecond)\n";
      break;
    case OpKind::Done:
      out += in + "wg.Done()\n";
      break;
    case OpKind::Wait:
      out += in + "wg.Wait()\n";
      break;
  }
}

}  // namespace

Program generate(std::uint64_t seed) {
  return Gen(seed).run();
}

std::string to_go(const Program& p) {
  bool uses_time = false;  // sleeps or timers
  for (const auto& ops : p.gs) {
    for (const Op& op : ops) {
      uses_time = uses_time || op.kind == OpKind::Sleep;
      for (const Case& c : op.cases) uses_time = uses_time || c.after_us > 0;
    }
  }
  std::string out = "package main\n\nimport (\n\t\"fmt\"\n";
  if (p.waitgroup) out += "\t\"sync\"\n";
  if (uses_time) out += "\t\"time\"\n";
  out += ")\n\nfunc main() {\n";
  for (std::size_t c = 0; c < p.caps.size(); c++) {
    if (p.caps[c] == kNil) {
      out += "\tvar " + chan(static_cast<int>(c)) + " chan int\n";
    } else {
      out += '\t' + chan(static_cast<int>(c)) + " := make(chan int, " + std::to_string(p.caps[c]) +
             ")\n";
    }
    out += "\t_ = " + chan(static_cast<int>(c)) + "\n";
  }
  if (p.waitgroup) {
    out += "\tvar wg sync.WaitGroup\n\twg.Add(" + std::to_string(p.gs.size() - 1) + ")\n";
  }
  for (std::size_t g = 1; g < p.gs.size(); g++) {
    out += "\tgo func() {\n";
    for (const Op& op : p.gs[g]) print_op(out, op, chan_model::goroutine_name(g), "\t\t");
    out += "\t}()\n";
  }
  for (const Op& op : p.gs[0]) print_op(out, op, chan_model::goroutine_name(0), "\t");
  out += "\tfmt.Println(\"main: done\")\n}\n";
  return out;
}

}  // namespace random_program
