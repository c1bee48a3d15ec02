// gort::Chan<T>: Go's `chan T`.
//
// A Chan is a handle: copies refer to the same channel, as Go channel values
// do, and the channel lives until its last handle is gone. The default handle
// is Go's nil channel: sends and receives on it block forever, closing it
// panics. Every operation is const, because lambdas capture handles by value.
// T must be default-constructible (T{} is Go's zero value) and movable.
#pragma once

#include <cstddef>
#include <gort/detail/runtime.hpp>
#include <iterator>
#include <string_view>
#include <type_traits>
#include <utility>

namespace gort {

template <class T>
class Chan {
 public:
  using value_type = T;

  Chan() noexcept = default;  // nil channel
  Chan(const Chan& o) noexcept : c_(o.c_) {
    if (c_) detail::chan_retain(c_);
  }
  Chan(Chan&& o) noexcept : c_(std::exchange(o.c_, nullptr)) {}
  Chan& operator=(Chan o) noexcept {
    std::swap(c_, o.c_);
    return *this;
  }
  ~Chan() {
    if (c_) detail::chan_release(c_);
  }

  // ch <- v
  void send(T v) const {
    if constexpr (kBufferedFast) {
      if (buffered(c_) && detail::chan_send_buffered(c_, &v)) return;
    }
    detail::check(detail::chan_send(c_, &v, true));
  }
  // <-ch (the zero value once closed and drained)
  T recv() const {
    T v{};
    if constexpr (kBufferedFast) {
      if (buffered(c_) && detail::chan_recv_buffered(c_, &v)) return v;
    }
    received(detail::chan_recv(c_, &v, true));
    return v;
  }
  // v, ok := <-ch
  std::pair<T, bool> recv2() const {
    T v{};
    if constexpr (kBufferedFast) {
      if (buffered(c_) && detail::chan_recv_buffered(c_, &v)) return {std::move(v), true};
    }
    bool ok = received(detail::chan_recv(c_, &v, true));
    return {std::move(v), ok};
  }
  // select { case ch <- v: return true; default: return false }
  bool try_send(T v) const {
    detail::Status s = detail::chan_send(c_, &v, false);
    if (s == detail::Status::WouldBlock) return false;
    detail::check(s);
    return true;
  }
  // close(ch)
  void close() const { detail::check(detail::chan_close(c_)); }
  // len(ch), cap(ch): 0 for a nil channel
  std::size_t len() const noexcept { return c_ ? detail::chan_len(c_) : 0; }
  std::size_t cap() const noexcept { return c_ ? detail::chan_capacity(c_) : 0; }
  // A small number naming this channel in traces (0 for nil).
  std::uint32_t id() const noexcept { return c_ ? detail::chan_id(c_) : 0; }

  explicit operator bool() const noexcept { return c_ != nullptr; }
  friend bool operator==(const Chan& a, const Chan& b) noexcept { return a.c_ == b.c_; }

  // for v := range ch
  class iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    explicit iterator(detail::hchan* c) : c_(c) { ++*this; }
    T& operator*() { return v_; }
    iterator& operator++() {
      v_ = T{};
      if constexpr (kBufferedFast) {
        if (buffered(c_) && detail::chan_recv_buffered(c_, &v_)) return *this;
      }
      if (!received(detail::chan_recv(c_, &v_, true))) c_ = nullptr;
      return *this;
    }
    void operator++(int) { ++*this; }
    bool operator==(std::default_sentinel_t) const { return c_ == nullptr; }

   private:
    detail::hchan* c_ = nullptr;
    T v_{};
  };
  iterator begin() const {
    if (!c_) {  // ranging over a nil channel blocks forever, as in Go
      T v{};
      received(detail::chan_recv(c_, &v, true));
    }
    return iterator(c_);
  }
  std::default_sentinel_t end() const { return {}; }

  detail::hchan* raw() const noexcept { return c_; }

 private:
  // Whether the non-throwing buffered fast path may move T's values.
  static constexpr bool kBufferedFast = std::is_nothrow_move_assignable_v<T>;
  static bool buffered(detail::hchan* c) noexcept { return c && detail::chan_capacity(c) > 0; }
  // A blocking receive's ok, or what its status throws.
  static bool received(detail::Status s) {
    if (s == detail::Status::Ok) return true;
    if (s != detail::Status::Closed) detail::raise(s);
    return false;
  }

  template <class U>
  friend Chan<U> make_chan(std::size_t, std::string_view);
  explicit Chan(detail::hchan* c) noexcept : c_(c) {}
  detail::hchan* c_ = nullptr;
};

// make(chan T, cap). The name is optional and only shows in the UI and traces.
template <class T>
Chan<T> make_chan(std::size_t cap = 0, std::string_view name = {}) {
  detail::hchan* c = nullptr;
  detail::check(detail::chan_make(&detail::elem_ops<T>, cap, name, &c));
  return Chan<T>(c);
}
template <class T>
Chan<T> make_chan(std::string_view name) {
  return make_chan<T>(0, name);
}

}  // namespace gort
