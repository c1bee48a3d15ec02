// The reference model's search (see chan_model.hpp): a depth-first search
// over the model's interleavings, each step allowed only if it observes what
// the goroutine logged next, with every state visited once.
#include "chan_model.hpp"

#include <map>
#include <set>
#include <unordered_set>
#include <utility>

namespace chan_model {

std::size_t Program::op_count() const {
  std::size_t n = 0;
  for (const auto& g : gs) n += g.size();
  return n;
}

std::string goroutine_name(std::size_t g) {
  if (g == 0) return "main";
  std::string s = "g";
  return s += std::to_string(g);
}

std::string message(End e) {
  switch (e) {
    case End::Exit:
      return "";
    case End::Deadlock:
      return "fatal error: all goroutines are asleep - deadlock!";
    case End::PanicSendClosed:
      return "panic: send on closed channel";
    case End::PanicCloseClosed:
      return "panic: close of closed channel";
    case End::PanicCloseNil:
      return "panic: close of nil channel";
  }
  return "?";
}

namespace {

struct State {
  std::vector<std::size_t> pc;        // per goroutine: its next op
  std::vector<std::vector<int>> buf;  // per channel: its buffer, oldest first
  std::vector<bool> closed;
  int wg = 0;

  std::string key() const {
    std::string k;
    for (std::size_t p : pc) k += static_cast<char>(p);
    k += static_cast<char>(wg);
    for (std::size_t c = 0; c < buf.size(); c++) {
      k += static_cast<char>(closed[c] ? 0x80 | buf[c].size() : buf[c].size());
      for (int v : buf[c]) k.append(reinterpret_cast<const char*>(&v), sizeof v);
    }
    return k;
  }
};

// A step one goroutine takes alone.
struct Local {
  enum class Fx : std::uint8_t { None, Push, Pop, Close, Done } fx;
  Obs obs;
  int ch = 0, value = 0;
};

// A goroutine's side of a rendezvous on an unbuffered channel.
struct Offer {
  int ch = 0;
  bool send = false;
  int value = 0;  // a send's
  Obs obs;        // a receive's value is filled in when it pairs
};

class Search {
 public:
  Search(const Program& p, const Run& r) : p_(p), r_(r), free_(p.gs.size(), false) {
    for (std::size_t g = 0; g < p.gs.size(); g++) {
      free_[g] = (r.end == End::Exit && g != 0) || (r.end != End::Exit && r.end != End::Deadlock &&
                                                    static_cast<int>(g) != r.panicked);
    }
  }

  bool run() {
    State s;
    s.pc.assign(p_.gs.size(), 0);
    s.buf.resize(p_.caps.size());
    s.closed.assign(p_.caps.size(), false);
    s.wg = p_.waitgroup ? static_cast<int>(p_.gs.size()) - 1 : 0;
    return dfs(s);
  }

 private:
  bool nil(int c) const { return p_.caps[c] == kNil; }
  bool unbuffered(int c) const { return p_.caps[c] == 0; }
  const Op* next(const State& s, std::size_t g) const {
    return s.pc[g] < p_.gs[g].size() ? &p_.gs[g][s.pc[g]] : nullptr;
  }

  // Whether a case can proceed on its channel's buffer and close state alone.
  bool ready(const State& s, const Case& c) const {
    if (c.after_us > 0 || nil(c.ch)) return false;
    if (s.closed[c.ch]) return true;  // a receive gets zero, a send panics
    int n = static_cast<int>(s.buf[c.ch].size());
    return c.send ? n < p_.caps[c.ch] : n > 0;
  }

  // What goroutine g's next op can do in s: local steps and rendezvous offers.
  void moves(const State& s, std::size_t g, std::vector<Local>& local,
             std::vector<Offer>& offers) const {
    const Op* op = next(s, g);
    if (!op) return;
    auto one_case = [&](const Case& c, int choice) {
      if (c.after_us > 0) {
        local.push_back({Local::Fx::None, {choice, 0, false}, 0, 0});
        return;
      }
      if (nil(c.ch)) return;
      bool closed = s.closed[c.ch];
      const auto& b = s.buf[c.ch];
      if (c.send) {
        if (closed) return;  // a panic, not a step
        if (static_cast<int>(b.size()) < p_.caps[c.ch]) {
          local.push_back({Local::Fx::Push, {choice, 0, false}, c.ch, c.value});
        } else if (unbuffered(c.ch)) {
          offers.push_back({c.ch, true, c.value, {choice, 0, false}});
        }
      } else if (!b.empty()) {
        local.push_back({Local::Fx::Pop, {choice, b.front(), true}, c.ch, 0});
      } else if (closed) {
        local.push_back({Local::Fx::None, {choice, 0, false}, c.ch, 0});
      } else if (unbuffered(c.ch)) {
        offers.push_back({c.ch, false, 0, {choice, 0, true}});
      }
    };
    switch (op->kind) {
      case OpKind::Sleep:
        local.push_back({Local::Fx::None, {}, 0, 0});
        break;
      case OpKind::Done:
        local.push_back({Local::Fx::Done, {}, 0, 0});
        break;
      case OpKind::Wait:
        if (s.wg == 0) local.push_back({Local::Fx::None, {}, 0, 0});
        break;
      case OpKind::Close:
        if (!nil(op->ch) && !s.closed[op->ch]) local.push_back({Local::Fx::Close, {}, op->ch, 0});
        break;
      case OpKind::Send:
        one_case({op->ch, true, op->value}, -1);
        break;
      case OpKind::Recv:
        one_case({op->ch, false, 0}, -1);
        break;
      case OpKind::Select: {
        bool any = false;
        for (std::size_t i = 0; i < op->cases.size(); i++) {
          one_case(op->cases[i], static_cast<int>(i));
          any = any || ready(s, op->cases[i]);
        }
        if (op->has_default && !any) {
          local.push_back({Local::Fx::None, {static_cast<int>(op->cases.size()), 0, false}, 0, 0});
        }
        break;
      }
    }
  }

  // The panic goroutine g's next op can raise in s, if any.
  std::set<End> panics(const State& s, std::size_t g) const {
    std::set<End> out;
    const Op* op = next(s, g);
    if (!op) return out;
    if (op->kind == OpKind::Close) {
      if (nil(op->ch))
        out.insert(End::PanicCloseNil);
      else if (s.closed[op->ch])
        out.insert(End::PanicCloseClosed);
    } else if (op->kind == OpKind::Send && !nil(op->ch) && s.closed[op->ch]) {
      out.insert(End::PanicSendClosed);
    } else if (op->kind == OpKind::Select) {
      for (const Case& c : op->cases) {
        if (c.send && !nil(c.ch) && s.closed[c.ch]) out.insert(End::PanicSendClosed);
      }
    }
    return out;
  }

  // Whether any goroutine can take a step or panic in s, whatever it logged.
  bool can_move(const State& s) const {
    std::vector<std::pair<std::size_t, Offer>> all;
    for (std::size_t g = 0; g < s.pc.size(); g++) {
      std::vector<Local> local;
      std::vector<Offer> offers;
      moves(s, g, local, offers);
      if (!local.empty() || !panics(s, g).empty()) return true;
      for (const Offer& o : offers) {
        for (const auto& [h, other] : all) {
          if (h != g && other.ch == o.ch && other.send != o.send) return true;
        }
        all.push_back({g, o});
      }
    }
    return false;
  }

  bool logged_all(const State& s, std::size_t g) const { return s.pc[g] == r_.logs[g].size(); }

  bool accepted(const State& s) const {
    std::size_t n = s.pc.size();
    for (std::size_t g = 0; g < n; g++) {
      if (s.pc[g] < r_.logs[g].size()) return false;
    }
    switch (r_.end) {
      case End::Exit:
        return s.pc[0] == p_.gs[0].size();
      case End::Deadlock:
        return s.pc[0] < p_.gs[0].size() && !can_move(s);
      default: {
        std::size_t g = static_cast<std::size_t>(r_.panicked);
        return logged_all(s, g) && panics(s, g).count(r_.end) > 0;
      }
    }
  }

  // Whether goroutine g may take a step that observes o in s.
  bool may(const State& s, std::size_t g, const Obs& o) const {
    if (s.pc[g] < r_.logs[g].size()) return r_.logs[g][s.pc[g]] == o;
    return free_[g];
  }

  bool dfs(const State& s) {
    if (!seen_.insert(s.key()).second) return false;
    if (accepted(s)) return true;
    std::vector<std::pair<std::size_t, Offer>> all;
    for (std::size_t g = 0; g < s.pc.size(); g++) {
      std::vector<Local> local;
      std::vector<Offer> offers;
      moves(s, g, local, offers);
      for (const Local& l : local) {
        if (!may(s, g, l.obs)) continue;
        State t = s;
        switch (l.fx) {
          case Local::Fx::None:
            break;
          case Local::Fx::Push:
            t.buf[l.ch].push_back(l.value);
            break;
          case Local::Fx::Pop:
            t.buf[l.ch].erase(t.buf[l.ch].begin());
            break;
          case Local::Fx::Close:
            t.closed[l.ch] = true;
            break;
          case Local::Fx::Done:
            t.wg--;
            break;
        }
        t.pc[g]++;
        if (dfs(t)) return true;
      }
      for (const Offer& o : offers) all.push_back({g, o});
    }
    for (const auto& [g, a] : all) {
      for (const auto& [h, b] : all) {
        if (g == h || !a.send || b.send || a.ch != b.ch) continue;
        Obs got = b.obs;
        got.value = a.value;
        if (!may(s, g, a.obs) || !may(s, h, got)) continue;
        State t = s;
        t.pc[g]++;
        t.pc[h]++;
        if (dfs(t)) return true;
      }
    }
    return false;
  }

  const Program& p_;
  const Run& r_;
  std::vector<bool> free_;  // may take steps past its log
  std::unordered_set<std::string> seen_;
};

// The checks that need no search: the logs fit the program, every value
// received was sent on that channel and is received once, and one
// goroutine receives one sender's values on a channel in the order sent.
std::string direct_checks(const Program& p, const Run& r) {
  std::map<int, std::pair<int, std::pair<std::size_t, std::size_t>>> sent;  // value -> ch, (g, op)
  for (std::size_t g = 0; g < p.gs.size(); g++) {
    for (std::size_t k = 0; k < p.gs[g].size(); k++) {
      const Op& op = p.gs[g][k];
      if (op.kind == OpKind::Send) sent[op.value] = {op.ch, {g, k}};
      for (const Case& c : op.cases) {
        if (c.send) sent[c.value] = {c.ch, {g, k}};
      }
    }
  }
  if (r.logs.size() != p.gs.size()) return "a log per goroutine";
  std::set<int> received;
  std::map<std::pair<std::size_t, int>, std::size_t> last;  // (receiver, ch*1000+sender) -> op
  for (std::size_t g = 0; g < p.gs.size(); g++) {
    const auto& log = r.logs[g];
    if (log.size() > p.gs[g].size()) return goroutine_name(g) + " logged too much";
    for (std::size_t k = 0; k < log.size(); k++) {
      const Op& op = p.gs[g][k];
      const Obs& o = log[k];
      std::string at = goroutine_name(g) + " op " + std::to_string(k) + ": ";
      int ch = op.ch;
      bool recv = op.kind == OpKind::Recv;
      if (op.kind == OpKind::Select) {
        if (o.choice < 0 || o.choice > static_cast<int>(op.cases.size()) ||
            (o.choice == static_cast<int>(op.cases.size()) && !op.has_default)) {
          return at + "no such case " + std::to_string(o.choice);
        }
        if (o.choice < static_cast<int>(op.cases.size())) {
          ch = op.cases[o.choice].ch;
          recv = !op.cases[o.choice].send;
        }
      }
      if (!recv || !o.ok) {
        if (o.value != 0) return at + "a value where none is received";
        continue;
      }
      auto it = sent.find(o.value);
      if (it == sent.end() || it->second.first != ch) {
        return at + "received " + std::to_string(o.value) + ", never sent on c" +
               std::to_string(ch);
      }
      if (!received.insert(o.value).second) {
        return at + "received " + std::to_string(o.value) + " twice";
      }
      auto [sender, sop] = it->second.second;
      auto key = std::make_pair(g, ch * 1000 + static_cast<int>(sender));
      auto prev = last.find(key);
      if (prev != last.end() && prev->second > sop) {
        return at + "received " + std::to_string(o.value) + " after a value sent later";
      }
      last[key] = sop;
    }
  }
  if (r.end != End::Exit && r.end != End::Deadlock &&
      (r.panicked < 0 || r.panicked >= static_cast<int>(p.gs.size()))) {
    return "a panic in no goroutine of the program";
  }
  return "";
}

}  // namespace

std::string check(const Program& p, const Run& r) {
  std::string why = direct_checks(p, r);
  if (!why.empty()) return why;
  if (!Search(p, r).run()) {
    return r.end == End::Exit ? "no interleaving of the model gives these logs"
                              : "no interleaving of the model gives these logs and ends in \"" +
                                    message(r.end) + "\"";
  }
  return "";
}

}  // namespace chan_model
